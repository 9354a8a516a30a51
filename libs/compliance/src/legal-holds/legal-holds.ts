import { Injectable } from '@nestjs/common';
import {
  EventBus,
  fetchPage,
  parseListQuery,
  TenantDataSource,
  RequestContext,
  ValidationFailedError,
  type FieldProblem,
} from '@quire/core';
import { IsNull, Not, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { LegalHoldAlreadyReleasedError, LegalHoldNotFoundError } from '../compliance.errors';
import { toLegalHoldResponse, type LegalHoldListResponse, type LegalHoldResponse } from './dto/legal-hold.response';
import type { PlaceLegalHoldDto } from './dto/place-legal-hold.dto';
import { LegalHold } from './entities/legal-hold.entity';
import { legalHoldListSpec } from './legal-hold.list-spec';
import './legal-hold.events';

/**
 * Where holds are managed: one workspace (its owners and admins; the holds it lists are its own), or the
 * installation (platform administrators; every hold).
 */
export type HoldLevel = { workspaceId: string } | 'installation';

/**
 * Places, lists and releases legal holds. Placing and releasing publish an event in the same transaction — that
 * is the audit record — in the chain of the workspace held, or the installation's.
 */
@Injectable()
export class LegalHolds {
  private readonly ctx = RequestContext.system('compliance.legal-holds');

  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
  ) {}

  async place(
    ctx: RequestContext,
    level: HoldLevel,
    dto: PlaceLegalHoldDto,
    placedBy: string,
  ): Promise<LegalHoldResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const target = await this.checkPlacement(manager, level, dto);
      const repo = manager.getRepository(LegalHold);
      const hold = await repo.save(
        repo.create({
          scope: dto.scope,
          workspaceId: target.workspace?.id ?? null,
          userId: dto.scope === 'user' ? dto.userId! : null,
          heldFrom: dto.scope === 'time-range' ? new Date(dto.heldFrom!) : null,
          heldUntil: dto.scope === 'time-range' ? new Date(dto.heldUntil!) : null,
          reason: dto.reason,
          placedBy,
          placedAt: new Date(),
          releasedAt: null,
          releasedBy: null,
          releaseReason: null,
        }),
      );
      await this.events.publish(this.auditContext(tx, target.workspace), 'compliance.legal-hold.placed', {
        holdId: hold.id,
        scope: hold.scope,
        workspaceId: hold.workspaceId,
        userId: hold.userId,
        heldFrom: hold.heldFrom?.toISOString() ?? null,
        heldUntil: hold.heldUntil?.toISOString() ?? null,
        reason: hold.reason,
      });
      return toLegalHoldResponse(hold);
    });
  }

  async release(
    ctx: RequestContext,
    level: HoldLevel,
    id: string,
    reason: string,
    releasedBy: string,
  ): Promise<LegalHoldResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const hold = await this.scoped(manager, level)
        .andWhere('hold.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!hold) throw new LegalHoldNotFoundError(id);
      if (hold.releasedAt !== null) throw new LegalHoldAlreadyReleasedError(id, hold.releasedAt);
      hold.releasedAt = new Date();
      hold.releasedBy = releasedBy;
      hold.releaseReason = reason;
      await manager.getRepository(LegalHold).save(hold);
      const workspace = hold.workspaceId ? await this.workspaceRef(manager, hold.workspaceId) : null;
      await this.events.publish(this.auditContext(tx, workspace), 'compliance.legal-hold.released', {
        holdId: hold.id,
        scope: hold.scope,
        reason,
      });
      return toLegalHoldResponse(hold);
    });
  }

  async get(ctx: RequestContext, level: HoldLevel, id: string): Promise<LegalHoldResponse> {
    const hold = await this.scoped(this.db.manager(ctx), level).andWhere('hold.id = :id', { id }).getOne();
    if (!hold) throw new LegalHoldNotFoundError(id);
    return toLegalHoldResponse(hold);
  }

  async list(ctx: RequestContext, level: HoldLevel, rawQuery: Record<string, unknown>): Promise<LegalHoldListResponse> {
    const query = parseListQuery(rawQuery, legalHoldListSpec);
    const builder = this.scoped(this.db.manager(ctx), level);
    const active = query.extra['active'];
    if (active !== undefined) {
      if (active !== 'true' && active !== 'false') {
        throw new ValidationFailedError([{ path: 'active', message: 'active must be true or false' }]);
      }
      builder.andWhere(active === 'true' ? 'hold.releasedAt IS NULL' : 'hold.releasedAt IS NOT NULL');
    }
    const page = await fetchPage(builder, 'hold', query, legalHoldListSpec);
    return { data: page.data.map(toLegalHoldResponse), meta: page.meta };
  }

  /**
   * The active user-scope holds on a person, wherever they were placed. These are what block erasure: workspace and
   * time-range holds spare rows from retention but do not make a person's erasure impossible.
   */
  activeForUser(userId: string, manager?: EntityManager): Promise<LegalHold[]> {
    return (manager ?? this.db.manager(this.ctx))
      .getRepository(LegalHold)
      .find({ where: { scope: 'user', userId, releasedAt: IsNull() }, order: { placedAt: 'ASC' } });
  }

  /** Every active hold, oldest first (the compliance report). */
  active(manager?: EntityManager): Promise<LegalHold[]> {
    return (manager ?? this.db.manager(this.ctx))
      .getRepository(LegalHold)
      .find({ where: { releasedAt: IsNull() }, order: { placedAt: 'ASC', id: 'ASC' } });
  }

  /** Holds released so far (counted in the compliance report). */
  countReleased(): Promise<number> {
    return this.db
      .manager(this.ctx)
      .getRepository(LegalHold)
      .countBy({ releasedAt: Not(IsNull()) });
  }

  private scoped(manager: EntityManager, level: HoldLevel): SelectQueryBuilder<LegalHold> {
    const builder = manager.getRepository(LegalHold).createQueryBuilder('hold');
    return level === 'installation' ? builder.where('1 = 1') : builder.where('hold.workspaceId = :workspaceId', level);
  }

  /** Checks what the hold names against its scope and level; answers the workspace it is recorded under. */
  private async checkPlacement(
    manager: EntityManager,
    level: HoldLevel,
    dto: PlaceLegalHoldDto,
  ): Promise<{ workspace: { id: string; slug: string } | null }> {
    const problems: FieldProblem[] = [];
    const only = (field: 'userId' | 'heldFrom' | 'heldUntil', scope: string) => {
      if (dto[field] !== undefined && dto.scope !== scope) {
        problems.push({ path: field, message: `${field} is only for scope ${scope}` });
      }
    };
    only('userId', 'user');
    only('heldFrom', 'time-range');
    only('heldUntil', 'time-range');
    if (level !== 'installation' && dto.workspaceId !== undefined) {
      problems.push({ path: 'workspaceId', message: 'workspaceId is the workspace of the route at workspace level' });
    }
    if (level === 'installation' && dto.workspaceId !== undefined && dto.scope === 'user') {
      problems.push({ path: 'workspaceId', message: 'workspaceId is only for scopes workspace and time-range' });
    }
    if (level === 'installation' && dto.scope === 'workspace' && dto.workspaceId === undefined) {
      problems.push({ path: 'workspaceId', message: 'workspaceId is required for scope workspace' });
    }
    if (dto.scope === 'user' && dto.userId === undefined) {
      problems.push({ path: 'userId', message: 'userId is required for scope user' });
    }
    if (dto.scope === 'time-range') {
      if (dto.heldFrom === undefined)
        problems.push({ path: 'heldFrom', message: 'heldFrom is required for scope time-range' });
      if (dto.heldUntil === undefined) {
        problems.push({ path: 'heldUntil', message: 'heldUntil is required for scope time-range' });
      } else if (dto.heldFrom !== undefined && new Date(dto.heldUntil) <= new Date(dto.heldFrom)) {
        problems.push({ path: 'heldUntil', message: 'heldUntil must be after heldFrom' });
      }
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);

    const workspaceId = level === 'installation' ? dto.workspaceId : level.workspaceId;
    const workspace = workspaceId ? await this.workspaceRef(manager, workspaceId) : null;
    if (workspaceId && !workspace) {
      throw new ValidationFailedError([{ path: 'workspaceId', message: `no workspace ${workspaceId}` }]);
    }
    if (dto.scope === 'user') {
      const known: unknown[] =
        level === 'installation'
          ? await manager.query(`SELECT 1 FROM identity_users WHERE id = $1`, [dto.userId])
          : await manager.query(`SELECT 1 FROM workspace_members WHERE workspace_id = $1 AND user_id = $2`, [
              level.workspaceId,
              dto.userId,
            ]);
      if (known.length === 0) {
        const message =
          level === 'installation' ? `no user ${dto.userId}` : `user ${dto.userId} is not a member of this workspace`;
        throw new ValidationFailedError([{ path: 'userId', message }]);
      }
    }
    // A user hold placed in a workspace is listed there, though it holds the person's data everywhere.
    return {
      workspace: dto.scope === 'time-range' || dto.scope === 'workspace' || level !== 'installation' ? workspace : null,
    };
  }

  private async workspaceRef(manager: EntityManager, id: string): Promise<{ id: string; slug: string } | null> {
    const [row]: Array<{ id: string; slug: string }> = await manager.query(
      `SELECT id, slug FROM workspaces WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  private auditContext(tx: RequestContext, workspace: { id: string; slug: string } | null): RequestContext {
    return workspace ? tx.withWorkspace(workspace) : tx;
  }
}
