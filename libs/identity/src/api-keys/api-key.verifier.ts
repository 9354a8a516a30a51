import { Injectable } from '@nestjs/common';
import { RateLimitedError, RateLimiter, type Actor, type AuthenticationRequest } from '@quire/core';
import { DataSource } from 'typeorm';
import { hashToken } from '../credentials/token-hash';
import type { ActiveApiKey } from './active-api-key';
import { ActiveApiKeyCache } from './active-api-key-cache';
import { looksLikeApiKeySecret } from './api-key-secret';
import { ApiKeyUsageRecorder } from './api-key-usage.recorder';
import { extractApiKey } from './api-key.extractor';
import type { ApiKeyKind } from './api-key.entity';

/** `rate_limit_per_minute` counts over one minute, shared by every instance (Redis when REDIS_URL is set). */
const RATE_LIMIT_WINDOW_SECONDS = 60;

interface ActiveKeyRow {
  id: string;
  workspace_id: string;
  name: string;
  prefix: string;
  kind: ApiKeyKind;
  scopes: string[];
  expires_at: Date | null;
  rate_limit_per_minute: number | null;
}

/**
 * Turns a request's API key into an actor, or null when it presents none or one that does not work (unknown,
 * tampered, revoked, expired, or its creator's account closed). A working key over its rate limit is refused
 * with RateLimitedError (429 with Retry-After): the caller is known, only too fast. Kept apart from the
 * authenticator so another entry point (a passport strategy) can use the same verification.
 */
@Injectable()
export class ApiKeyVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: ActiveApiKeyCache,
    private readonly usage: ApiKeyUsageRecorder,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async verify(request: Pick<AuthenticationRequest, 'headers'>): Promise<Actor | null> {
    const secret = extractApiKey(request);
    if (!secret || !looksLikeApiKeySecret(secret)) return null;
    const key = await this.activeKey(hashToken(secret));
    if (!key) return null;
    if (key.rateLimitPerMinute !== null) {
      const decision = await this.rateLimiter.consume(
        `api-key:${key.id}`,
        key.rateLimitPerMinute,
        RATE_LIMIT_WINDOW_SECONDS,
      );
      if (!decision.allowed) throw new RateLimitedError(decision.resetSeconds);
    }
    this.usage.record(key.id);
    return {
      type: 'api-key',
      id: key.id,
      label: `${key.name} (${key.prefix})`,
      scopes: [...key.scopes],
      workspaceId: key.workspaceId,
    };
  }

  /**
   * The key with this secret hash if it works. Found by the unique index on the hash: nothing compares the secret
   * character by character, so the time taken says nothing about how close a guess was.
   */
  private async activeKey(secretHash: string): Promise<ActiveApiKey | null> {
    const cached = this.cache.get(secretHash);
    if (cached) return cached;
    const generation = this.cache.generation;
    const [row] = (await this.dataSource.query(
      `SELECT k.id, k.workspace_id, k.name, k.prefix, k.kind, k.scopes, k.expires_at, k.rate_limit_per_minute
         FROM identity_api_keys k LEFT JOIN identity_users u ON u.id = k.created_by
        WHERE k.secret_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())
          AND u.closed_at IS NULL`,
      [secretHash],
    )) as ActiveKeyRow[];
    if (!row) return null;
    const key: ActiveApiKey = {
      id: row.id,
      workspaceId: row.workspace_id,
      name: row.name,
      prefix: row.prefix,
      kind: row.kind,
      scopes: row.scopes,
      expiresAt: row.expires_at,
      rateLimitPerMinute: row.rate_limit_per_minute,
    };
    this.cache.remember(secretHash, key, generation);
    return key;
  }
}
