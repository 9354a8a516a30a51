import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  EventBus,
  InjectPluginOptions,
  OnQuireEvent,
  RequestContext,
  TenantDataSource,
  type QuireEvent,
} from '@quire/core';
import { emailLookupKey } from '../accounts/email';
import type { IdentityOptions } from '../identity.options';
import { SessionService } from '../sessions/session.service';

const BOOTSTRAP_JOB = 'identity.platform-admin-bootstrap';

/**
 * Makes the accounts the configuration lists (`platformAdminEmails`, from QUIRE_PLATFORM_ADMINS) platform
 * administrators, once they are open and their email is verified: an address alone proves nothing, since anyone
 * may sign up with it. Applied at every start (accounts verified before the address was listed) and when an
 * account verifies its email (from the `identity.email.verified` event, so within seconds, and the role applies
 * to its live sessions at once). Each grant is one `identity.platform-admin.granted` event, `via: configuration`:
 * the update only matches rows not yet administrators, so several instances starting together grant once.
 */
@Injectable()
export class PlatformAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlatformAdminBootstrap.name);
  private readonly emails: string[];

  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly sessions: SessionService,
    @InjectPluginOptions('identity') options: IdentityOptions,
  ) {
    this.emails = [...new Set((options.platformAdminEmails ?? []).map(emailLookupKey))];
  }

  async onApplicationBootstrap(): Promise<void> {
    const granted = await this.apply(null);
    if (granted.length > 0) this.logger.log(`${granted.length} configured platform administrator(s) appointed`);
  }

  @OnQuireEvent('identity.email.verified')
  async onEmailVerified(event: QuireEvent<'identity.email.verified'>): Promise<void> {
    await this.apply(event.payload.userId);
  }

  /** Grants the role to the listed, verified, open accounts (or to that one account); returns whom it granted. */
  async apply(userId: string | null): Promise<string[]> {
    if (this.emails.length === 0) return [];
    const ctx = RequestContext.system(BOOTSTRAP_JOB);
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const rows = (await manager.query(
        `UPDATE identity_users SET platform_admin = true, updated_at = now()
          WHERE lower(email) = ANY($1::text[]) AND email_verified_at IS NOT NULL AND closed_at IS NULL
            AND NOT platform_admin AND ($2::uuid IS NULL OR id = $2::uuid)
          RETURNING id`,
        [this.emails, userId],
      )) as [Array<{ id: string }>, number];
      const granted = rows[0].map((row) => row.id);
      for (const id of granted) {
        await this.sessions.forgetCachedSessionsOf(id, { manager });
        await this.events.publish(tx, 'identity.platform-admin.granted', { userId: id, via: 'configuration' });
      }
      return granted;
    });
  }
}
