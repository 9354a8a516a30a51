import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_KINDS, type ApiKey, type ApiKeyKind } from '../api-key.entity';

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** A key as listed: never its secret nor its hash; the prefix tells keys apart. */
export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'qk_7mcw2xka', description: 'The visible start of the secret' }) prefix!: string;
  @ApiProperty({ enum: API_KEY_KINDS }) kind!: ApiKeyKind;
  @ApiProperty({ type: [String], example: ['read:Entry'] }) scopes!: string[];
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status!: ApiKeyStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) rateLimitPerMinute!: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The user who created it' })
  createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Written in batches: a few seconds behind',
  })
  lastUsedAt!: string | null;
  @ApiProperty({ description: 'Requests made with the key; written in batches, a few seconds behind' })
  requestCount!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
}

/** The answer to creation: the only time the secret is ever shown. */
export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({
    example: 'qk_7mcw2xka_4Yk0bq3S8mJ0nqQ1d2lq7QeX1w2y3z4A5B6C7D8E9F0',
    description: 'Shown once: store it now. Send it as `Authorization: Bearer <secret>` or `X-Api-Key: <secret>`',
  })
  secret!: string;
}

export function toApiKeyResponse(key: ApiKey, now: Date = new Date()): ApiKeyResponse {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    kind: key.kind,
    scopes: key.scopes,
    status: statusOf(key, now),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    rateLimitPerMinute: key.rateLimitPerMinute,
    createdBy: key.createdBy,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    requestCount: Number(key.requestCount),
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

function statusOf(key: ApiKey, now: Date): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt <= now) return 'expired';
  return 'active';
}
