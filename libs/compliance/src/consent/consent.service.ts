import { Injectable } from '@nestjs/common';
import {
  EventBus,
  fetchPage,
  parseListQuery,
  RequestContext,
  selectFields,
  TenantDataSource,
  uuidv7,
} from '@quire/core';
import type { EntityManager } from 'typeorm';
import { consentHistoryListSpec } from './consent-history.list-spec';
import { ConsentPurposes } from './consent-purposes';
import type { ConsentSource } from './consent-source';
import { ConsentUserNotFoundError } from './consent.errors';
import './consent.events';
import {
  toConsentRecordResponse,
  type ConsentHistoryResponse,
  type ConsentStateResponse,
} from './dto/consent.response';
import { ConsentRecord } from './entities/consent-record.entity';

/** A user's current answer for one declared purpose (`granted` false and no source when never asked). */
export type ConsentState = ConsentStateResponse;

interface CurrentRow {
  purpose: string;
  granted: boolean;
  source: ConsentSource;
  changed_at: Date;
}

/**
 * Users' consents to the optional purposes (option `consentPurposes`): the current state read by every check, and an
 * append-only history kept as proof. Each change writes the history row, the current state and the event
 * (`compliance.consent.granted` / `.withdrawn`, audited) in one transaction; nothing is cached, so a withdrawal is
 * seen by the very next `isGranted`.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly purposes: ConsentPurposes,
  ) {}

  /** Whether the user currently consents to `purpose` (false when withdrawn or never asked); unknown purpose: 404. */
  async isGranted(userId: string, purpose: string, ctx: RequestContext = readContext()): Promise<boolean> {
    this.purposes.get(purpose);
    const rows: Array<{ granted: boolean }> = await this.db
      .manager(ctx)
      .query(`SELECT granted FROM compliance_consents WHERE user_id = $1 AND purpose = $2`, [userId, purpose]);
    return rows[0]?.granted === true;
  }

  /** Every declared purpose with the user's current answer, in the order of the option. */
  async currentFor(userId: string, ctx: RequestContext = readContext()): Promise<ConsentState[]> {
    const rows = await this.currentRows(this.db.manager(ctx), userId);
    const byPurpose = new Map(rows.map((row) => [row.purpose, row]));
    return this.purposes.all.map((purpose) => toState(purpose.key, purpose.description, byPurpose.get(purpose.key)));
  }

  /**
   * Records the user's answer for a declared purpose. The same answer again changes nothing (no history row, no
   * event); a first answer of "no" is recorded (a refusal, with time and source).
   */
  async record(
    ctx: RequestContext,
    userId: string,
    purposeKey: string,
    granted: boolean,
    source: ConsentSource,
  ): Promise<ConsentState> {
    const purpose = this.purposes.get(purposeKey);
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      await lockUser(manager, userId);
      const [current] = await this.currentRows(manager, userId, purpose.key);
      if (current && current.granted === granted) return toState(purpose.key, purpose.description, current);
      const written = await this.change(tx, userId, purpose.key, current ?? null, granted, source);
      return toState(purpose.key, purpose.description, written);
    });
  }

  /**
   * Withdraws every consent the user has granted (declared purposes or ones the installation no longer declares), in
   * the caller's transaction: used by objection requests and account flows. Returns the purposes withdrawn.
   */
  async withdrawAll(tx: RequestContext, userId: string, source: ConsentSource): Promise<string[]> {
    return this.db.transaction(tx, async (inner) => {
      const manager = this.db.manager(inner);
      await lockUser(manager, userId);
      const granted = (await this.currentRows(manager, userId)).filter((row) => row.granted);
      for (const row of granted) await this.change(inner, userId, row.purpose, row, false, source);
      return granted.map((row) => row.purpose);
    });
  }

  /** The user's opt-ins and withdrawals with time and source, newest first, with the list language. */
  async history(
    ctx: RequestContext,
    userId: string,
    rawQuery: Record<string, unknown>,
  ): Promise<ConsentHistoryResponse> {
    const query = parseListQuery(rawQuery, consentHistoryListSpec);
    const builder = this.db
      .manager(ctx)
      .getRepository(ConsentRecord)
      .createQueryBuilder('record')
      .where('record.user_id = :consentUserId', { consentUserId: userId });
    const page = await fetchPage(builder, 'record', query, consentHistoryListSpec);
    return {
      data: page.data.map((record) => selectFields(toConsentRecordResponse(record), query.fields)),
      meta: page.meta,
    };
  }

  /** 404 unless an account with that id exists (closed ones included: their history stays readable). */
  async assertUserExists(ctx: RequestContext, userId: string): Promise<void> {
    const rows: unknown[] = await this.db.manager(ctx).query(`SELECT 1 FROM identity_users WHERE id = $1`, [userId]);
    if (rows.length === 0) throw new ConsentUserNotFoundError(userId);
  }

  /** Appends the history row, moves the current state and publishes the event, in `tx`'s transaction. */
  private async change(
    tx: RequestContext,
    userId: string,
    purpose: string,
    current: CurrentRow | null,
    granted: boolean,
    source: ConsentSource,
  ): Promise<CurrentRow> {
    const manager = this.db.manager(tx);
    const [inserted]: Array<{ occurred_at: Date }> = await manager.query(
      `INSERT INTO compliance_consent_records (id, user_id, purpose, granted, source, actor_id, ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING occurred_at`,
      [uuidv7(), userId, purpose, granted, source, tx.actor.id, tx.ip, tx.userAgent],
    );
    const changedAt = inserted!.occurred_at;
    await manager.query(
      `INSERT INTO compliance_consents (user_id, purpose, granted, source, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, purpose) DO UPDATE SET granted = $3, source = $4, changed_at = $5`,
      [userId, purpose, granted, source, changedAt],
    );
    const payload = {
      userId,
      purpose,
      source,
      changes: { granted: { before: current ? current.granted : null, after: granted } },
    };
    await this.events.publish(tx, granted ? 'compliance.consent.granted' : 'compliance.consent.withdrawn', payload);
    return { purpose, granted, source, changed_at: changedAt };
  }

  private currentRows(manager: EntityManager, userId: string, purpose?: string): Promise<CurrentRow[]> {
    return purpose === undefined
      ? manager.query(
          `SELECT purpose, granted, source, changed_at FROM compliance_consents WHERE user_id = $1 ORDER BY purpose`,
          [userId],
        )
      : manager.query(
          `SELECT purpose, granted, source, changed_at FROM compliance_consents WHERE user_id = $1 AND purpose = $2`,
          [userId, purpose],
        );
  }
}

/** Serialises the changes of one user's consents (two tabs answering at once keep history and state in step). */
async function lockUser(manager: EntityManager, userId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('compliance.consent:' || $1, 0))`, [userId]);
}

/** Reads outside a request (other plugins' checks) run as the compliance plugin. */
function readContext(): RequestContext {
  return RequestContext.system('compliance.consent');
}

function toState(purpose: string, description: string, row: CurrentRow | undefined): ConsentState {
  return {
    purpose,
    description,
    granted: row?.granted ?? false,
    source: row?.source ?? null,
    changedAt: row ? new Date(row.changed_at).toISOString() : null,
  };
}
