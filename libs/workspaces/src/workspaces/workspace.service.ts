import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import {
  EventBus,
  fieldChanges,
  ForbiddenActionError,
  TenantDataSource,
  ValidationFailedError,
  WorkspaceNotFoundError,
  type FieldProblem,
  type RequestContext,
} from '@quire/core';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { Workspace } from '../entities/workspace.entity';
import { WorkspaceMember } from '../entities/workspace-member.entity';
import { WorkspaceSlugRedirect } from '../entities/workspace-slug-redirect.entity';
import { OWNER_ROLE } from '../roles/role-assignment';
import { slugProblem } from '../slugs/workspace-slug';
import { WorkspaceSlugTakenError, WorkspaceUserRequiredError } from '../workspaces.errors';
import { WORKSPACE_SUBJECT } from '../workspaces.permissions';
import type { CreateWorkspaceDto } from './dto/create-workspace.dto';
import type { UpdateWorkspaceDto, WorkspaceFieldsDto } from './dto/workspace-fields.dto';
import { WorkspaceResponse } from './dto/workspace.response';
import { checkLocales, isTimeZone } from './workspace-fields';

const EDITABLE = ['name', 'slug', 'logoUrl', 'defaultLocale', 'enabledLocales', 'timeZone'] as const;

@Injectable()
export class WorkspaceService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
  ) {}

  /** The creator becomes its owner. */
  async create(ctx: RequestContext, dto: CreateWorkspaceDto): Promise<WorkspaceResponse> {
    const ownerId = this.userOf(ctx, 'create a workspace');
    const slug = dto.slug;
    const fields = this.checkedFields(dto, { defaultLocale: 'en', enabledLocales: ['en'] });
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      await this.assertSlugFree(manager, slug, null);
      const workspace = await this.save(slug, () =>
        manager.save(manager.create(Workspace, { name: dto.name, slug, timeZone: 'UTC', ...fields })),
      );
      const inWorkspace = tx.withWorkspace({ id: workspace.id, slug: workspace.slug });
      await this.db.repository(inWorkspace, WorkspaceMember).save({ userId: ownerId, role: OWNER_ROLE });
      await this.events.publish(inWorkspace, 'workspaces.workspace.created', {
        workspaceId: workspace.id,
        name: workspace.name,
        slug: workspace.slug,
        ownerId,
      });
      await this.events.publish(inWorkspace, 'workspaces.member.added', {
        userId: ownerId,
        role: OWNER_ROLE,
        via: 'creation',
      });
      return WorkspaceResponse.of(workspace, OWNER_ROLE);
    });
  }

  /** The active workspaces the actor is a member of (an API key: the one it is bound to), by name. */
  async listMine(ctx: RequestContext): Promise<WorkspaceResponse[]> {
    const manager = this.db.manager(ctx);
    if (ctx.actor.type === 'api-key') {
      // TypeORM drops `undefined` from a where clause: without this check it would match any workspace.
      if (!ctx.actor.workspaceId) return [];
      const workspace = await manager.findOneBy(Workspace, { id: ctx.actor.workspaceId, status: 'active' });
      return workspace ? [WorkspaceResponse.of(workspace, null)] : [];
    }
    if (ctx.actor.type !== 'user' || !ctx.actor.id) return [];
    const rows = await manager
      .createQueryBuilder(Workspace, 'w')
      .innerJoin(WorkspaceMember, 'm', 'm.workspace_id = w.id AND m.user_id = :userId', { userId: ctx.actor.id })
      .addSelect('m.role', 'member_role')
      .where(`w.status = 'active'`)
      .orderBy('lower(w.name)')
      .addOrderBy('w.id')
      .getRawAndEntities();
    return rows.entities.map((workspace, index) =>
      WorkspaceResponse.of(workspace, (rows.raw[index] as { member_role: string }).member_role),
    );
  }

  async get(ctx: RequestContext): Promise<WorkspaceResponse> {
    const workspace = await this.load(this.db.manager(ctx), ctx);
    return WorkspaceResponse.of(workspace, await this.roleOf(ctx));
  }

  /** A new slug leaves the old one leading here; taking back a former slug of this workspace is allowed. */
  async update(ctx: RequestContext, dto: UpdateWorkspaceDto): Promise<WorkspaceResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const workspace = await this.load(manager, tx, true);
      const fields = this.checkedFields(dto, workspace);
      const previousSlug = workspace.slug;
      const patch: Partial<Workspace> = { ...fields };
      if (dto.name !== undefined) patch.name = dto.name;
      const changed = EDITABLE.filter(
        (field) => field in patch && JSON.stringify(patch[field]) !== JSON.stringify(workspace[field]),
      );
      if (changed.length === 0) return WorkspaceResponse.of(workspace, await this.roleOf(tx));
      // A role may allow updating some fields only (e.g. a custom role with `fields: ['name']`).
      const refused = changed.filter(
        (field) => !tx.ability.can('update', subject(WORKSPACE_SUBJECT, { id: workspace.id }), field),
      );
      if (refused.length > 0) {
        throw new ForbiddenActionError(
          'update',
          WORKSPACE_SUBJECT,
          `You may not change ${refused.join(', ')} of this workspace.`,
        );
      }

      if (changed.includes('slug')) {
        const slug = patch.slug!;
        await this.assertSlugFree(manager, slug, workspace.id);
        await manager
          .createQueryBuilder()
          .delete()
          .from(WorkspaceSlugRedirect)
          .where('workspace_id = :id AND lower(old_slug) = lower(:slug)', { id: workspace.id, slug })
          .execute();
        await manager.save(manager.create(WorkspaceSlugRedirect, { oldSlug: previousSlug, workspaceId: workspace.id }));
      }
      const changes = fieldChanges<Workspace>(workspace, patch, changed);
      Object.assign(workspace, patch);
      const saved = await this.save(workspace.slug, () => manager.save(workspace));
      await this.events.publish(tx, 'workspaces.workspace.updated', {
        workspaceId: workspace.id,
        changed: [...changed],
        changes,
        slug: saved.slug,
        ...(changed.includes('slug') ? { previousSlug } : {}),
      });
      return WorkspaceResponse.of(saved, await this.roleOf(tx));
    });
  }

  /** Soft close: the workspace answers 404 from now on and retention erases it after its grace period. */
  async close(ctx: RequestContext): Promise<void> {
    this.userOf(ctx, 'close a workspace');
    await this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const workspace = await this.load(manager, tx, true);
      await manager.update(Workspace, { id: workspace.id }, { status: 'closed', closedAt: () => 'now()' });
      await this.events.publish(tx, 'workspaces.workspace.closed', { workspaceId: workspace.id, slug: workspace.slug });
    });
  }

  private userOf(ctx: RequestContext, action: string): string {
    if (ctx.actor.type !== 'user' || !ctx.actor.id) throw new WorkspaceUserRequiredError(action);
    return ctx.actor.id;
  }

  private async roleOf(ctx: RequestContext): Promise<string | null> {
    if (ctx.actor.type !== 'user' || !ctx.actor.id) return null;
    const member = await this.db.repository(ctx, WorkspaceMember).findOneBy({ userId: ctx.actor.id });
    return member?.role ?? null;
  }

  private async load(manager: EntityManager, ctx: RequestContext, forUpdate = false): Promise<Workspace> {
    const workspace = await manager.findOne(Workspace, {
      where: { id: ctx.workspaceId, status: 'active' },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!workspace) throw new WorkspaceNotFoundError(ctx.workspace!.slug);
    return workspace;
  }

  /** The validated, canonical values of the fields `dto` sends (slug, time zone, locales), or a 400 naming each. */
  private checkedFields(
    dto: WorkspaceFieldsDto & { slug?: string },
    current: { defaultLocale: string; enabledLocales: string[] },
  ): Partial<Workspace> {
    const slug = dto.slug;
    const problems: FieldProblem[] = [];
    const fields: Partial<Workspace> = {};
    if (slug !== undefined) {
      const problem = slugProblem(slug);
      if (problem) problems.push(problem);
      fields.slug = slug;
    }
    if (dto.timeZone !== undefined) {
      if (!isTimeZone(dto.timeZone)) {
        problems.push({ path: 'timeZone', message: `timeZone "${dto.timeZone}" is not an IANA time zone name` });
      }
      fields.timeZone = dto.timeZone;
    }
    if (dto.logoUrl !== undefined) fields.logoUrl = dto.logoUrl;
    if (dto.defaultLocale !== undefined || dto.enabledLocales !== undefined) {
      const locales = checkLocales(
        {
          defaultLocale: dto.defaultLocale ?? current.defaultLocale,
          enabledLocales: dto.enabledLocales ?? current.enabledLocales,
        },
        { defaultLocale: dto.defaultLocale !== undefined, enabledLocales: dto.enabledLocales !== undefined },
      );
      problems.push(...locales.problems);
      Object.assign(fields, locales.value);
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return fields;
  }

  /** Taken: another workspace's slug, or a former slug of another workspace (which still leads there). */
  private async assertSlugFree(manager: EntityManager, slug: string, ownId: string | null): Promise<void> {
    const [taken] = await manager.query<unknown[]>(
      `SELECT 1 FROM workspaces WHERE lower(slug) = lower($1) AND id IS DISTINCT FROM $2::uuid
       UNION ALL
       SELECT 1 FROM workspace_slug_redirects WHERE lower(old_slug) = lower($1) AND workspace_id IS DISTINCT FROM $2::uuid
       LIMIT 1`,
      [slug, ownId],
    );
    if (taken) throw new WorkspaceSlugTakenError(slug);
  }

  /** Two requests racing for one slug: the unique index decides, the loser gets the same 409. */
  private async save(slug: string, write: () => Promise<Workspace>): Promise<Workspace> {
    try {
      return await write();
    } catch (error) {
      const driverError =
        error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
      if (driverError?.code === '23505' && driverError.constraint?.startsWith('workspace')) {
        throw new WorkspaceSlugTakenError(slug);
      }
      throw error;
    }
  }
}
