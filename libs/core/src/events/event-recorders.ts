import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Changes } from './field-changes';
import type { QuireEventEnvelope } from './quire-events';

/** An event as a recorder sees it: the envelope plus where the request that caused it came from. */
export interface RecordedEvent extends QuireEventEnvelope {
  ip: string | null;
  userAgent: string | null;
  /** The diff passed as `EventBus.publish(…, { changes })`: for recorders only, in no payload. */
  changes?: Changes;
}

/**
 * Something that must keep a durable record of every event in the transaction that publishes it (the compliance
 * plugin's audit log). It runs inside `EventBus.publish`, so a failing recorder fails — and rolls back — the write.
 */
export interface EventRecorder {
  record(manager: EntityManager, event: RecordedEvent): Promise<void>;
}

/**
 * The kernel's extension point for event recorders: a plugin registers its recorder at module init; the kernel
 * knows nothing of what a recorder stores. Recorders run in registration order.
 */
@Injectable()
export class EventRecorders {
  private readonly recorders: EventRecorder[] = [];

  register(recorder: EventRecorder): void {
    this.recorders.push(recorder);
  }

  get any(): boolean {
    return this.recorders.length > 0;
  }

  async recordAll(manager: EntityManager, event: RecordedEvent): Promise<void> {
    for (const recorder of this.recorders) await recorder.record(manager, event);
  }
}
