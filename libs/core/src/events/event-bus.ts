import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../context/request-context';
import { uuidv7 } from '../database/uuid-v7';
import { OutboxEvent } from './entities/outbox-event.entity';
import { assertEventName } from './event-name';
import { OutboxRelay } from './outbox-relay';
import type { QuireEventName, QuireEvents } from './quire-events';

/**
 * Publishes domain events through the outbox. Inside `TenantDataSource.transaction` the row is written in that
 * transaction, so the event exists exactly when the change that caused it commits; handlers run afterwards from
 * the durable queue, never inside the caller's transaction.
 */
@Injectable()
export class EventBus {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  /** Records the event and returns its id. Names and payloads are typed by `QuireEvents`. */
  async publish<K extends QuireEventName>(ctx: RequestContext, name: K, payload: QuireEvents[K]): Promise<string> {
    // Checked at runtime too: a name can arrive through a cast or from JavaScript.
    assertEventName(name);
    const id = uuidv7();
    const transaction = ctx.manager?.queryRunner?.isTransactionActive ? ctx.manager : null;
    const manager = transaction ?? this.dataSource.manager;
    await manager.insert(OutboxEvent, {
      id,
      workspaceId: ctx.workspace?.id ?? null,
      eventName: name,
      payload: payload as Record<string, unknown>,
      actor: { ...ctx.actor },
      requestId: ctx.requestId,
    });
    if (transaction?.queryRunner) this.relay.afterCommitOf(transaction.queryRunner);
    else this.relay.nudge();
    return id;
  }
}
