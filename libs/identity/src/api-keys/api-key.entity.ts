import { TenantOwnedEntity } from '@quire/core';
import { Column, Entity, Index } from 'typeorm';

/** `delivery` keys read published content and may hold `read:*` scopes only; `management` keys may hold any. */
export const API_KEY_KINDS = ['delivery', 'management'] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

/**
 * A workspace's credential for programs. The secret is shown once at creation and stored only as its SHA-256;
 * the prefix stays visible so people can tell keys apart. Usage columns are written in batches
 * (ApiKeyUsageRecorder), not per request.
 */
@Entity({ name: 'identity_api_keys' })
@Index('identity_api_keys_created_by', ['createdBy'])
export class ApiKey extends TenantOwnedEntity {
  @Column({ type: 'text' }) name!: string;
  /** `qk_` and 8 random characters: the start of the secret, unique, safe to show. */
  @Column({ type: 'text', unique: true }) prefix!: string;
  @Column({ name: 'secret_hash', type: 'text', unique: true }) secretHash!: string;
  /** `action:Subject` strings (see parseScope in @quire/core). */
  @Column({ type: 'text', array: true }) scopes!: string[];
  @Column({ type: 'text' }) kind!: ApiKeyKind;
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt!: Date | null;
  @Column({ name: 'rate_limit_per_minute', type: 'integer', nullable: true }) rateLimitPerMinute!: number | null;
  /** The user who created it; null once that account is erased. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true }) lastUsedAt!: Date | null;
  /** bigint: TypeORM reads it as a string. */
  @Column({ name: 'request_count', type: 'bigint', default: 0 }) requestCount!: string;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  /** The actor who revoked it: a user, or an API key holding `delete:ApiKey`. */
  @Column({ name: 'revoked_by', type: 'uuid', nullable: true }) revokedBy!: string | null;
}
