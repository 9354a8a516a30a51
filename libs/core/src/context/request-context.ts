import { createMongoAbility, type MongoAbility } from '@casl/ability';
import type { EntityManager } from 'typeorm';
import { ANONYMOUS, systemActor, type Actor } from './actor';
import { uuidv7 } from '../database/uuid-v7';

export type AppAbility = MongoAbility;

export interface WorkspaceRef {
  id: string;
  slug: string;
}

const NO_PERMISSIONS: AppAbility = createMongoAbility([]);

/**
 * Everything a service needs to know about the current operation: who, in which workspace, allowed to do
 * what, in which transaction. Immutable: `with*` returns a copy. Services take it as their first argument.
 */
export class RequestContext {
  private constructor(
    readonly requestId: string,
    readonly actor: Actor,
    readonly workspace: WorkspaceRef | null,
    readonly ability: AppAbility,
    /** Set inside `TenantDataSource.transaction`: every repository of this context joins it. */
    readonly manager: EntityManager | null,
    readonly ip: string | null,
    readonly userAgent: string | null,
  ) {}

  static forRequest(init: { requestId: string; ip?: string | null; userAgent?: string | null }): RequestContext {
    return new RequestContext(
      init.requestId,
      ANONYMOUS,
      null,
      NO_PERMISSIONS,
      null,
      init.ip ?? null,
      init.userAgent ?? null,
    );
  }

  /** A context for scheduled jobs and background work: actor `system`, no workspace until `withWorkspace`. */
  static system(jobName: string, requestId: string = uuidv7()): RequestContext {
    return new RequestContext(
      requestId,
      systemActor(jobName),
      null,
      createMongoAbility([{ action: 'manage', subject: 'all' }]),
      null,
      null,
      null,
    );
  }

  withActor(actor: Actor): RequestContext {
    return new RequestContext(
      this.requestId,
      actor,
      this.workspace,
      this.ability,
      this.manager,
      this.ip,
      this.userAgent,
    );
  }

  withWorkspace(workspace: WorkspaceRef, ability: AppAbility = this.ability): RequestContext {
    return new RequestContext(this.requestId, this.actor, workspace, ability, this.manager, this.ip, this.userAgent);
  }

  withManager(manager: EntityManager | null): RequestContext {
    return new RequestContext(
      this.requestId,
      this.actor,
      this.workspace,
      this.ability,
      manager,
      this.ip,
      this.userAgent,
    );
  }

  /** The workspace id, or an error for code paths that must never run outside a tenant. */
  get workspaceId(): string {
    if (!this.workspace) throw new Error('This operation needs a workspace context (RequestContext.withWorkspace).');
    return this.workspace.id;
  }
}
