import type { Actor } from '../context/actor';
import type { WorkspaceRef } from '../context/request-context';
import type { PermissionRule } from '../permissions/permission.types';

/**
 * Turns a request into an actor. Identity contributes session and API-key authenticators; the kernel asks
 * each in turn and stops at the first that recognises the request. Returning null means "not mine".
 */
export interface Authenticator {
  authenticate(request: AuthenticationRequest): Promise<Actor | null>;
}

export interface AuthenticationRequest {
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string>;
  ip: string | null;
  method: string;
  path: string;
}

/** Finds the workspace a route names (slug or id) and the rules the actor holds there. The workspaces plugin provides it. */
export interface WorkspaceResolver {
  /** The workspace, or null when it does not exist or the actor may not enter it (the two are not distinguished). */
  resolve(reference: string, actor: Actor): Promise<WorkspaceRef | null>;
  /** CASL rules for this actor in this workspace, placeholders not yet filled. */
  rulesFor(actor: Actor, workspace: WorkspaceRef): Promise<PermissionRule[]>;
}

export const AUTHENTICATOR_METADATA = 'quire:authenticator';
export const WORKSPACE_RESOLVER_METADATA = 'quire:workspace-resolver';
