import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RequestContext } from '../context/request-context';
import { uuidv7 } from '../database/uuid-v7';
import { assertEventName } from './event-name';
import { EventRecorders } from './event-recorders';
import type { Changes } from './field-changes';
import { OutboxRelay } from './outbox-relay';
import type { QuireEventName, QuireEvents } from './quire-events';

/** What `EventBus.publish` takes besides the payload. */
export interface PublishOptions {
  /**
   * The field-level before/after of the change, for the event recorders (the audit log) only: not stored in the
   * outbox, so neither handlers, webhooks nor live streams see the values. For events whose payload goes to
   * receivers that must not see them (public events that promise no field values); other events may carry their
   * diff in the payload's `changes` instead.
   */
  changes?: Changes;
}

/**
 * Publishes domain events through the outbox. Inside `TenantDataSource.transaction` the row is written in that
 * transaction, so the event exists exactly when the change that caused it commits; handlers run afterwards from
 * the durable queue, never inside the caller's transaction. Registered event recorders (the audit log) write their
 * record in the same transaction.
 */
@Injectable()
export class EventBus {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly recorders: EventRecorders,
  ) {}

  /** Records the event and returns its id. Names and payloads are typed by `QuireEvents`. */
  async publish<K extends QuireEventName>(
    ctx: RequestContext,
    name: K,
    payload: QuireEvents[K],
    options: PublishOptions = {},
  ): Promise<string> {
    // Checked at runtime too: a name can arrive through a cast or from JavaScript.
    assertEventName(name);
    const id = uuidv7();
    const transaction = ctx.manager?.queryRunner?.isTransactionActive ? ctx.manager : null;
    const write = async (manager: EntityManager): Promise<void> => {
      const [row]: Array<{ created_at: Date }> = await manager.query(
        `INSERT INTO quire_outbox (id, workspace_id, event_name, payload, actor, request_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at`,
        [id, ctx.workspace?.id ?? null, name, JSON.stringify(payload), JSON.stringify(ctx.actor), ctx.requestId],
      );
      if (!this.recorders.any) return;
      await this.recorders.recordAll(manager, {
        id,
        name,
        workspaceId: ctx.workspace?.id ?? null,
        actor: ctx.actor,
        requestId: ctx.requestId,
        payload,
        occurredAt: new Date(row!.created_at).toISOString(),
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        ...(options.changes === undefined ? {} : { changes: options.changes }),
      });
    };
    if (transaction) await write(transaction);
    // Outside a transaction the outbox row and the records still commit together.
    else if (this.recorders.any) await this.dataSource.transaction(write);
    else await write(this.dataSource.manager);
    if (transaction?.queryRunner) this.relay.afterCommitOf(transaction.queryRunner);
    else this.relay.nudge();
    return id;
  }
}
