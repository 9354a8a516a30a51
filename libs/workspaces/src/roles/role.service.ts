import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import {
  BUILT_IN_ROLES,
  EventBus,
  fieldChanges,
  TenantDataSource,
  ValidationFailedError,
  type BuiltInRole,
  type PermissionRule,
  type RequestContext,
} from '@quire/core';
import { QueryFailedError } from 'typeorm';
import { WorkspaceMember } from '../entities/workspace-member.entity';
import { WorkspaceRole } from '../entities/workspace-role.entity';
import { isUuid } from '../slugs/workspace-slug';
import { BuiltInRoleReadOnlyError, RoleInUseError, RoleKeyTakenError, RoleNotFoundError } from '../workspaces.errors';
import { BUILT_IN_ROLE_DESCRIPTIONS } from './built-in-role-descriptions';
import { isBuiltInRole } from './built-in-role-rules';
import { checkCustomRules, storedRules, type CustomRule } from './custom-role-rules';
import type { CreateRoleDto, RoleResponse, RoleRuleResponse, UpdateRoleDto } from './dto/role.dto';
import { ROLE_KEY_MAX_LENGTH, ROLE_KEY_PATTERN } from './dto/role-key';
import { PermissionCatalog } from './permission-catalog';
import { RoleAssignment } from './role-assignment';
import { RoleRules } from './role-rules';

/**
 * The roles of a workspace: the built-in ones (read-only, rules from the plugins) and its custom roles. Writing
 * a custom role checks its rules against what the loaded plugins declare (400) and against what the acting
 * member holds (403), both for the role as it is and as it will be.
 */
@Injectable()
export class RoleService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly catalog: PermissionCatalog,
    private readonly rules: RoleRules,
    private readonly assignment: RoleAssignment,
  ) {}

  /** Built-in roles first (in their order), then custom roles by key. */
  async list(ctx: RequestContext): Promise<RoleResponse[]> {
    const custom = await this.db.repository(ctx, WorkspaceRole).find({ order: { key: 'ASC' } });
    return [...BUILT_IN_ROLES.map((role) => this.builtIn(role)), ...custom.map(customResponse)];
  }

  /** `reference`: a custom role's id or key, or a built-in role's name. */
  async get(ctx: RequestContext, reference: string): Promise<RoleResponse> {
    if (isBuiltInRole(reference)) return this.builtIn(reference);
    return customResponse(await this.find(ctx, reference));
  }

  async create(ctx: RequestContext, dto: CreateRoleDto): Promise<RoleResponse> {
    const rules = this.checked(dto.rules);
    return this.db.transaction(ctx, async (tx) => {
      await this.assignment.assertActorHolds(tx, rules, { situation: `The role "${dto.key}"` });
      const repository = this.db.repository(tx, WorkspaceRole);
      if ((await repository.count({ key: dto.key })) > 0) throw new RoleKeyTakenError(dto.key);
      const role = await this.uniqueKey(dto.key, () =>
        repository.save({
          key: dto.key,
          name: dto.name,
          description: dto.description ?? null,
          rules,
          createdBy: tx.actor.type === 'user' ? tx.actor.id : null,
        }),
      );
      await this.events.publish(tx, 'workspaces.role.created', { roleId: role.id, key: role.key });
      return customResponse(role);
    });
  }

  /** Name, description and rules; the key never changes. Built-in roles are read-only (409). */
  async update(ctx: RequestContext, reference: string, dto: UpdateRoleDto): Promise<RoleResponse> {
    if (isBuiltInRole(reference)) throw new BuiltInRoleReadOnlyError(reference);
    const rules = dto.rules === undefined ? undefined : this.checked(dto.rules);
    return this.db.transaction(ctx, async (tx) => {
      const role = await this.find(tx, reference, true);
      await this.assertMayManage(tx, role);
      if (rules) await this.assignment.assertActorHolds(tx, rules, { key: role.key, situation: 'The edited role' });
      const patch: Partial<WorkspaceRole> = {};
      if (dto.name !== undefined && dto.name !== role.name) patch.name = dto.name;
      if (dto.description !== undefined && dto.description !== role.description) patch.description = dto.description;
      if (rules && !isDeepStrictEqual(rules, role.rules)) patch.rules = rules;
      const changed = Object.keys(patch);
      if (changed.length === 0) return customResponse(role);
      await this.db.repository(tx, WorkspaceRole).update({ id: role.id }, patch);
      await this.events.publish(tx, 'workspaces.role.updated', {
        roleId: role.id,
        key: role.key,
        changed,
        changes: fieldChanges<WorkspaceRole>(role, patch, changed as Array<keyof WorkspaceRole & string>),
      });
      return customResponse(await this.find(tx, role.id));
    });
  }

  /**
   * Only a role nobody holds: members and pending invitations (expired ones included, as a resend revives them)
   * must be given another role first (409). The row lock makes a concurrent assignment wait for the deletion
   * or the deletion see the assignment: assignments read the role with a share lock.
   */
  async delete(ctx: RequestContext, reference: string): Promise<void> {
    if (isBuiltInRole(reference)) throw new BuiltInRoleReadOnlyError(reference);
    await this.db.transaction(ctx, async (tx) => {
      const role = await this.find(tx, reference, true);
      await this.assertMayManage(tx, role);
      const members = await this.db.repository(tx, WorkspaceMember).count({ role: role.key });
      const invitations = await this.pendingInvitations(tx, role.key);
      if (members + invitations > 0) throw new RoleInUseError(role.key, members, invitations);
      await this.db.repository(tx, WorkspaceRole).delete({ id: role.id });
      await this.events.publish(tx, 'workspaces.role.deleted', { roleId: role.id, key: role.key });
    });
  }

  /** Editing or deleting a role that allows more than the actor holds would be acting above their rank. */
  private assertMayManage(tx: RequestContext, role: WorkspaceRole): Promise<void> {
    return this.assignment.assertActorHolds(tx, storedRules(role.rules), {
      key: role.key,
      situation: `The role "${role.key}" as it is`,
    });
  }

  private checked(input: unknown[]): CustomRule[] {
    const { rules, problems } = checkCustomRules(input, this.catalog);
    if (problems.length > 0) throw new ValidationFailedError(problems, 'The role has invalid rules; see errors.');
    return rules;
  }

  private async find(ctx: RequestContext, reference: string, forUpdate = false): Promise<WorkspaceRole> {
    const where = isUuid(reference)
      ? { id: reference }
      : ROLE_KEY_PATTERN.test(reference) && reference.length <= ROLE_KEY_MAX_LENGTH
        ? { key: reference }
        : null;
    const role = where
      ? await this.db.repository(ctx, WorkspaceRole).findOne({
          where,
          ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!role) throw new RoleNotFoundError(reference);
    return role;
  }

  /** Invitations arrive with their own migration; a table that does not exist offers nothing. */
  private async pendingInvitations(tx: RequestContext, key: string): Promise<number> {
    const manager = this.db.manager(tx);
    const [{ exists }] = await manager.query<Array<{ exists: boolean }>>(
      `SELECT to_regclass('workspace_invitations') IS NOT NULL AS exists`,
    );
    if (!exists) return 0;
    const [{ count }] = await manager.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM workspace_invitations
        WHERE workspace_id = $1 AND role = $2 AND status = 'pending'`,
      [tx.workspaceId, key],
    );
    return count;
  }

  /** Checked first; the unique index still decides between racing requests. */
  private async uniqueKey(key: string, write: () => Promise<WorkspaceRole>): Promise<WorkspaceRole> {
    try {
      return await write();
    } catch (error) {
      const driverError =
        error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
      if (driverError?.code === '23505' && driverError.constraint === 'workspace_roles_key') {
        throw new RoleKeyTakenError(key);
      }
      throw error;
    }
  }

  private builtIn(role: BuiltInRole): RoleResponse {
    return {
      id: null,
      key: role,
      ...BUILT_IN_ROLE_DESCRIPTIONS[role],
      builtIn: true,
      rules: expanded(this.rules.builtIn()[role]),
      createdBy: null,
      createdAt: null,
      updatedAt: null,
    };
  }
}

function customResponse(role: WorkspaceRole): RoleResponse {
  return {
    id: role.id,
    key: role.key,
    name: role.name,
    description: role.description,
    builtIn: false,
    rules: expanded(storedRules(role.rules)),
    createdBy: role.createdBy,
    createdAt: role.createdAt.toISOString(),
    updatedAt: role.updatedAt.toISOString(),
  };
}

/** One action on one subject per rule, as custom roles write them, so the console reads one shape. */
function expanded(rules: readonly PermissionRule[]): RoleRuleResponse[] {
  const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
  return rules.flatMap((rule) =>
    list(rule.action).flatMap((action) =>
      list(rule.subject).map((subject) => ({
        action,
        subject,
        ...(rule.conditions ? { conditions: rule.conditions } : {}),
        ...(rule.fields ? { fields: rule.fields } : {}),
        ...(rule.inverted ? { inverted: true } : {}),
      })),
    ),
  );
}
