import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, type Changes, type RequestContext } from '@quire/core';
import { ConsentService } from '../consent/consent.service';
import { LegalHolds } from '../legal-holds/legal-holds';
import type { PlaceLegalHoldDto } from '../legal-holds/dto/place-legal-hold.dto';
import type { DataSubjectRequest } from './data-subject-request.entity';
import { DataSubjectNotFoundError } from './data-subject-request.errors';

/**
 * Applies a verified rectification, restriction or objection, in the caller's transaction, and answers what was
 * done (the request's result).
 */
@Injectable()
export class AppliedRequests {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly holds: LegalHolds,
    private readonly consents: ConsentService,
  ) {}

  apply(tx: RequestContext, request: DataSubjectRequest, actorId: string): Promise<Record<string, unknown>> {
    switch (request.type) {
      case 'rectification':
        return this.rectify(tx, request);
      case 'restriction':
        return this.restrict(tx, request, actorId);
      case 'objection':
        return this.object(tx, request);
      default:
        throw new Error(`${request.type} requests are not applied`);
    }
  }

  /**
   * The account's display name and language, as the profile update (PATCH /me) changes them, with the same event
   * `identity.profile.updated`; the email is never rectified here (it has its own verified flow).
   */
  private async rectify(tx: RequestContext, request: DataSubjectRequest): Promise<Record<string, unknown>> {
    const manager = this.db.manager(tx);
    const [user] = (await manager.query(
      `SELECT display_name, preferences FROM identity_users WHERE id = $1 FOR UPDATE`,
      [request.userId],
    )) as Array<{ display_name: string; preferences: Record<string, unknown> | null }>;
    if (!user) throw new DataSubjectNotFoundError(request.userId);
    const fields: string[] = [];
    const changes: Changes = {};
    const displayName = request.details['displayName'];
    if (typeof displayName === 'string' && displayName.trim() !== user.display_name) {
      await manager.query(`UPDATE identity_users SET display_name = $2, updated_at = now() WHERE id = $1`, [
        request.userId,
        displayName.trim(),
      ]);
      fields.push('displayName');
      changes['displayName'] = { before: user.display_name, after: displayName.trim() };
    }
    const language = request.details['language'];
    if (typeof language === 'string' && user.preferences?.['language'] !== language) {
      await manager.query(
        `UPDATE identity_users SET preferences = coalesce(preferences, '{}'::jsonb) || jsonb_build_object('language', $2::text),
                updated_at = now() WHERE id = $1`,
        [request.userId, language],
      );
      fields.push('preferences.language');
      changes['preferences.language'] = { before: user.preferences?.['language'] ?? null, after: language };
    }
    if (fields.length > 0)
      await this.events.publish(tx, 'identity.profile.updated', { userId: request.userId, fields, changes });
    return { rectified: fields, unchanged: fields.length === 0 };
  }

  /** A user-scope legal hold: retention and erasure spare the person's data until it is released. */
  private async restrict(
    tx: RequestContext,
    request: DataSubjectRequest,
    actorId: string,
  ): Promise<Record<string, unknown>> {
    const dto = {
      scope: 'user',
      userId: request.userId,
      reason: `processing restricted by request ${request.id}`,
    } as PlaceLegalHoldDto;
    const hold = await this.holds.place(tx, 'installation', dto, actorId);
    return {
      legalHoldId: hold.id,
      note: 'Processing is restricted by a legal hold: lift the restriction by releasing the hold.',
    };
  }

  /** Every optional-purpose consent the person gave is withdrawn at once. */
  private async object(tx: RequestContext, request: DataSubjectRequest): Promise<Record<string, unknown>> {
    const source = request.channel === 'self-service' ? 'console' : 'administrator';
    const withdrawn = await this.consents.withdrawAll(tx, request.userId, source);
    return { consentsWithdrawn: withdrawn, purposesObjectedTo: request.details['purposes'] ?? [] };
  }
}
