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
  /**
   * The route needs no actor (@Public). An authenticator may then ignore a credential that fails a check of
   * the request (e.g. a cookie without its CSRF token) instead of refusing: the request goes on anonymously.
   */
  routeIsPublic?: boolean;
  /**
   * Adds a header to this request's response, whatever it turns out to be (an error of a later check included):
   * how an authenticator makes something about the credential visible, e.g. identity's `Quire-Impersonator`.
   */
  setResponseHeader?(name: string, value: string): void;
}

/** Finds the workspace a route names (slug or id) and the rules the actor holds there. The workspaces plugin provides it. */
export interface WorkspaceResolver {
  /**
   * The workspace, or null when it does not exist or the actor may not enter it (the two are not distinguished).
   * An `api-key` actor is no member: it carries `workspaceId`, and must be resolved (slug or id) for that
   * workspace without a membership, and for no other. The kernel checks the result against `workspaceId` too.
   */
  resolve(reference: string, actor: Actor): Promise<WorkspaceRef | null>;
  /**
   * CASL rules for this actor in this workspace, placeholders not yet filled. Not asked for `api-key` actors:
   * the kernel builds their ability from their scopes.
   */
  rulesFor(actor: Actor, workspace: WorkspaceRef): Promise<PermissionRule[]>;
  /**
   * The workspace a `@PublicWorkspaceRoute()` names, whoever asks: null when it does not exist or is not active.
   * Asked only when `resolve` answered null for the actor. Without it, such routes answer 404.
   */
  resolvePublic?(reference: string): Promise<WorkspaceRef | null>;
  /**
   * Just-in-time membership (SSO): makes the user a member of the workspace (by id) with `role` unless they
   * already are one, whatever their role; the workspaces plugin implements it. Without it, identity refuses to
   * sign a non-member in through a workspace's SSO (409 identity.sso-jit-unavailable).
   */
  ensureMember?(workspaceId: string, userId: string, role: string): Promise<'added' | 'existing'>;
  /**
   * Whether the user is in the team `teamId` of the workspace (by id): false for an unknown team, another
   * workspace's team, or a team the user is not in. Identity asks it for a session's active team; without it, no
   * team can be made active (404 identity.team-not-found).
   */
  isTeamMember?(workspaceId: string, teamId: string, userId: string): Promise<boolean>;
}

export const AUTHENTICATOR_METADATA = 'quire:authenticator';
export const WORKSPACE_RESOLVER_METADATA = 'quire:workspace-resolver';
