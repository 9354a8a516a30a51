import { TenantOwnedEntity } from '@quire/core';
import { Column, Entity } from 'typeorm';

/**
 * An email domain a workspace claims for its SSO. Only addresses at a domain the workspace has verified (by
 * publishing a DNS TXT record) may sign in through its connections; a domain is verified by one workspace at most.
 */
@Entity({ name: 'identity_sso_domains' })
export class SsoDomain extends TenantOwnedEntity {
  /** Lower-case, without a trailing dot. */
  @Column({ type: 'text' }) domain!: string;
  /** Published in DNS by the workspace, hence not a secret; random so it cannot be guessed ahead. */
  @Column({ name: 'verification_token', type: 'text' }) verificationToken!: string;
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true }) verifiedAt!: Date | null;
}
