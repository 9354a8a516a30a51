import { Injectable } from '@nestjs/common';
import type { RetentionBatch, RetentionExecutor } from '@quire/core';

/** The domain of anonymized accounts' addresses: `.invalid` never resolves (RFC 2606), so no mail can reach it. */
export const ERASED_EMAIL_DOMAIN = 'erased.invalid';

/** The address an anonymized account keeps: unique (emails are), derived from the id alone. */
export function erasedEmail(userId: string): string {
  return `erased+${userId}@${ERASED_EMAIL_DOMAIN}`;
}

/** The retention condition's test for "not anonymized yet" (anonymized rows must never be due again). */
export const NOT_YET_ANONYMIZED = `email NOT LIKE 'erased+%@${ERASED_EMAIL_DOMAIN}'`;

/**
 * The action of the retention policy `identity.closed-accounts` (90 days after closure), following identity's data
 * inventory: the account row stays (ids in audit records, content and memberships still point at it) with every
 * personal column replaced; credentials, sessions, codes and recovery codes are deleted, sent mails to the address
 * removed, and the account's name on API keys (created_by, revoked_by) cleared.
 */
@Injectable()
export class ClosedAccountAnonymizer implements RetentionExecutor {
  async apply({ ids, manager }: RetentionBatch): Promise<number> {
    await manager.query(
      `DELETE FROM identity_mail_outbox o USING identity_users u
        WHERE u.id = ANY($1::uuid[]) AND lower(o.recipient) = lower(u.email)`,
      [ids],
    );
    for (const table of ['identity_sessions', 'identity_one_time_codes', 'identity_recovery_codes']) {
      await manager.query(`DELETE FROM ${table} WHERE user_id = ANY($1::uuid[])`, [ids]);
    }
    await manager.query(`UPDATE identity_api_keys SET created_by = NULL WHERE created_by = ANY($1::uuid[])`, [ids]);
    await manager.query(`UPDATE identity_api_keys SET revoked_by = NULL WHERE revoked_by = ANY($1::uuid[])`, [ids]);
    const result: unknown = await manager.query(
      `UPDATE identity_users
          SET email = 'erased+' || id || '@${ERASED_EMAIL_DOMAIN}',
              email_verified_at = NULL,
              display_name = 'Erased user',
              avatar_url = NULL,
              password_hash = NULL,
              totp_secret = NULL,
              totp_enabled_at = NULL,
              totp_last_used_step = NULL,
              preferences = '{}'::jsonb,
              platform_admin = false
        WHERE id = ANY($1::uuid[]) AND closed_at IS NOT NULL`,
      [ids],
    );
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : ids.length;
  }
}
