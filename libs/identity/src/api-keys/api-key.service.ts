import { Injectable } from '@nestjs/common';
import {
  EventBus,
  PluginRegistry,
  TenantDataSource,
  uuidv7,
  ValidationFailedError,
  type FieldProblem,
  type RequestContext,
} from '@quire/core';
import { QueryFailedError } from 'typeorm';
import { assertNotImpersonating } from '../auth/session-actor';
import { API_KEY_REVOKED_CHANNEL } from './active-api-key';
import { ActiveApiKeyCache } from './active-api-key-cache';
import { escalatingScopes, scopeProblems, type DeclaredPermissions } from './api-key-scope-policy';
import { generateApiKeySecret } from './api-key-secret';
import { ApiKey } from './api-key.entity';
import { ApiKeyNotFoundError, ApiKeyScopeEscalationError, ApiKeyUserRequiredError } from './api-key.errors';
import './api-key.events';
import type { CreateApiKeyDto } from './dto/create-api-key.dto';
import { toApiKeyResponse, type ApiKeyResponse, type CreatedApiKeyResponse } from './dto/api-key.response';

/** A fresh prefix after a clash on the unique prefix (40 random bits: a clash is rare, two in a row rarer still). */
const CREATE_ATTEMPTS = 3;

interface RevokedRow {
  id: string;
  workspace_id: string;
  prefix: string;
}

/** A workspace's API keys: create (the secret once), list, read, revoke. */
@Injectable()
export class ApiKeyService {
  private declaredPermissions: DeclaredPermissions | null = null;

  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly registry: PluginRegistry,
    private readonly cache: ActiveApiKeyCache,
  ) {}

  /**
   * Creates a key in the context's workspace. Only a signed-in user (not a key, not an impersonator) may, with
   * scopes that loaded plugins declare, `read` only on a delivery key, and each one held by the creator without
   * conditions: a key never holds more than the person who made it.
   */
  async create(ctx: RequestContext, dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    if (ctx.actor.type !== 'user' || !ctx.actor.id) throw new ApiKeyUserRequiredError();
    assertNotImpersonating(ctx, 'create API keys');
    const createdBy = ctx.actor.id;

    const problems: FieldProblem[] = scopeProblems(dto.kind, dto.scopes, this.declared());
    const expiresAt = dto.expiresAt === undefined ? null : new Date(dto.expiresAt);
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      problems.push({ path: 'expiresAt', message: 'expiresAt must be in the future' });
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);
    const escalating = escalatingScopes(ctx.ability, dto.scopes);
    if (escalating.length > 0) throw new ApiKeyScopeEscalationError(escalating);

    for (let attempt = 1; ; attempt++) {
      const { secret, prefix, hash } = generateApiKeySecret();
      try {
        const key = await this.db.transaction(ctx, async (tx) => {
          const saved = await this.db.repository(tx, ApiKey).save({
            id: uuidv7(),
            name: dto.name,
            prefix,
            secretHash: hash,
            scopes: dto.scopes,
            kind: dto.kind,
            expiresAt,
            rateLimitPerMinute: dto.rateLimitPerMinute ?? null,
            createdBy,
            lastUsedAt: null,
            requestCount: '0',
            revokedAt: null,
            revokedBy: null,
          });
          await this.events.publish(tx, 'identity.api-key.created', {
            apiKeyId: saved.id,
            name: saved.name,
            prefix: saved.prefix,
            kind: saved.kind,
            scopes: saved.scopes,
            expiresAt: saved.expiresAt?.toISOString() ?? null,
            rateLimitPerMinute: saved.rateLimitPerMinute,
          });
          return saved;
        });
        return { ...toApiKeyResponse(key), secret };
      } catch (error) {
        if (attempt >= CREATE_ATTEMPTS || !isPrefixClash(error)) throw error;
      }
    }
  }

  /** Every key of the workspace, newest first, revoked and expired ones included (until retention removes them). */
  async list(ctx: RequestContext): Promise<ApiKeyResponse[]> {
    const keys = await this.db.repository(ctx, ApiKey).find({ order: { createdAt: 'DESC', id: 'DESC' } });
    const now = new Date();
    return keys.map((key) => toApiKeyResponse(key, now));
  }

  async get(ctx: RequestContext, id: string): Promise<ApiKeyResponse> {
    const key = await this.db.repository(ctx, ApiKey).findOneBy({ id });
    if (!key) throw new ApiKeyNotFoundError(id);
    return toApiKeyResponse(key);
  }

  /**
   * Revokes a key of the context's workspace: refused from the next request on, on every instance. Revoking a
   * revoked key again changes nothing; a key of another workspace is not found.
   */
  async revoke(ctx: RequestContext, id: string): Promise<void> {
    const revokedBy = ctx.actor.type === 'user' || ctx.actor.type === 'api-key' ? ctx.actor.id : null;
    const revoked = await this.db.transaction(ctx, async (tx) => {
      const key = await this.db.repository(tx, ApiKey).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw new ApiKeyNotFoundError(id);
      if (key.revokedAt) return [];
      const rows = await this.revokeWhere(tx, 'id = $1 AND workspace_id = $2', [key.id, key.workspaceId], revokedBy);
      for (const row of rows) {
        await this.events.publish(tx, 'identity.api-key.revoked', {
          apiKeyId: row.id,
          prefix: row.prefix,
          reason: 'revoked',
        });
      }
      return rows;
    });
    this.evictLocally(revoked);
  }

  /**
   * Revokes every key a user created, in every workspace (account closure), in the context's transaction when it
   * has one. Returns the ids revoked. Idempotent: keys already revoked are left as they are.
   */
  async revokeAllCreatedBy(ctx: RequestContext, userId: string): Promise<string[]> {
    const revoked = await this.db.transaction(ctx, async (tx) => {
      const rows = await this.revokeWhere(tx, 'created_by = $1', [userId], userId);
      for (const row of rows) {
        // The event belongs to the key's workspace (its audit trail); the slug is not known here, nor needed.
        await this.events.publish(tx.withWorkspace({ id: row.workspace_id, slug: '' }), 'identity.api-key.revoked', {
          apiKeyId: row.id,
          prefix: row.prefix,
          reason: 'account-closed',
        });
      }
      return rows;
    });
    this.evictLocally(revoked);
    return revoked.map((row) => row.id);
  }

  /**
   * Revokes the live keys matching `condition` (a fixed SQL fragment of ours, values as parameters) and announces
   * each on the revocation channel in the same statement, hence the same transaction: every instance hears of it
   * exactly when it commits, and never of a revocation that rolls back.
   */
  private async revokeWhere(
    tx: RequestContext,
    condition: string,
    parameters: unknown[],
    revokedBy: string | null,
  ): Promise<RevokedRow[]> {
    const revokedByParameter = `$${parameters.length + 1}`;
    return (await this.db.manager(tx).query(
      `WITH revoked AS (
         UPDATE identity_api_keys SET revoked_at = now(), revoked_by = ${revokedByParameter}, updated_at = now()
          WHERE revoked_at IS NULL AND ${condition}
          RETURNING id, workspace_id, prefix
       )
       SELECT id, workspace_id, prefix, pg_notify('${API_KEY_REVOKED_CHANNEL}', id::text) FROM revoked`,
      [...parameters, revokedBy],
    )) as RevokedRow[];
  }

  /** This instance need not wait for its own notice; other instances get it through LISTEN. */
  private evictLocally(rows: RevokedRow[]): void {
    for (const row of rows) this.cache.evict(row.id);
  }

  /** Subjects and actions of the loaded plugins; fixed once the app is built. */
  private declared(): DeclaredPermissions {
    this.declaredPermissions ??= {
      subjects: new Set(this.registry.permissionSubjects()),
      actions: new Set(this.registry.permissionActions()),
    };
    return this.declaredPermissions;
  }
}

function isPrefixClash(error: unknown): boolean {
  const driverError =
    error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
  return driverError?.code === '23505' && driverError.constraint === 'identity_api_keys_prefix_key';
}
