import { Injectable } from '@nestjs/common';
import { EventBus, InjectPluginOptions, InternalError, TenantDataSource, type RequestContext } from '@quire/core';
import type { ContentOptions } from '../content.options';
import { EntryAccess } from '../entries/entry-access';
import { AcquireEntryLockResponse, EntryLockResponse, EntryLockStateResponse } from './dto/entry-lock.response';
import { EntryLockStore, type LockHolder, type StoredLock } from './entry-lock-store';
import { EntryLockedError, EntryLockNeedsMemberError } from './entry-locks.errors';

/**
 * Soft locks of entries: the console takes one when an editor opens an entry and renews it with a heartbeat;
 * others see who holds it and may take it over. Saving does not check locks (the console shows them instead).
 */
@Injectable()
export class EntryLockService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly access: EntryAccess,
    private readonly store: EntryLockStore,
    @InjectPluginOptions('content') private readonly options: ContentOptions,
  ) {}

  async state(ctx: RequestContext, entryId: string): Promise<EntryLockStateResponse> {
    await this.access.entry(ctx, entryId, 'read');
    const lock = await this.store.live(ctx, entryId);
    return { lock: lock ? this.view(ctx, lock) : null };
  }

  /** Acquires or renews (a heartbeat); another member's live lock is a 409 unless `takeOver`. */
  async acquire(ctx: RequestContext, entryId: string, takeOver: boolean): Promise<AcquireEntryLockResponse> {
    const userId = memberId(ctx);
    return this.db.transaction(ctx, async (tx) => {
      const { type } = await this.access.entry(tx, entryId, 'update');
      // Read first (and hold the row, if any) to tell a heartbeat from a new lock and to name who is taken over from.
      const before = await this.store.live(tx, entryId, true);
      const lock = await this.acquireOrConflict(tx, entryId, userId, ctx.actor.sessionId ?? null, takeOver);
      const expiresAt = lock.expiresAt.toISOString();
      const takenFrom = before && before.holder.id !== userId ? before : null;
      if (takenFrom) {
        await this.events.publish(tx, 'content.entry.lock-overridden', {
          entryId,
          contentType: type.apiId,
          holderId: userId,
          previousHolderId: takenFrom.holder.id,
          expiresAt,
        });
      } else if (!before) {
        await this.events.publish(tx, 'content.entry.locked', {
          entryId,
          contentType: type.apiId,
          holderId: userId,
          expiresAt,
        });
      }
      return {
        lock: this.view(tx, lock),
        previousHolder: takenFrom ? { ...takenFrom.holder, expiresAt: takenFrom.expiresAt.toISOString() } : null,
        warning: takenFrom ? takeOverWarning(takenFrom.holder) : null,
      };
    });
  }

  /**
   * One statement decides; when it loses (someone else holds a live lock, possibly a racer that just committed),
   * a fresh read names the holder. Should that holder have released in between, the entry is free: try again.
   */
  private async acquireOrConflict(
    tx: RequestContext,
    entryId: string,
    userId: string,
    sessionId: string | null,
    takeOver: boolean,
  ): Promise<StoredLock> {
    const request = { entryId, userId, sessionId, ttlSeconds: this.options.lockTtlSeconds, takeOver };
    // Each retry means another transaction changed the lock between two statements; a few suffice in practice.
    for (let attempt = 0; attempt < 5; attempt++) {
      const lock = await this.store.acquire(tx, request);
      if (lock) return lock;
      const holder = await this.store.live(tx, entryId);
      if (holder) throw new EntryLockedError(entryId, holder.holder, holder.expiresAt);
    }
    throw new InternalError();
  }

  /** Releases the caller's lock; a free entry is already released. Another member's live lock is a 409. */
  async release(ctx: RequestContext, entryId: string): Promise<void> {
    const userId = memberId(ctx);
    await this.db.transaction(ctx, async (tx) => {
      const { type } = await this.access.entry(tx, entryId, 'update');
      const released = await this.store.release(tx, entryId, userId);
      if (released?.live) {
        await this.events.publish(tx, 'content.entry.unlocked', { entryId, contentType: type.apiId, holderId: userId });
        return;
      }
      const other = await this.store.live(tx, entryId);
      if (other) throw new EntryLockedError(entryId, other.holder, other.expiresAt, true);
    });
  }

  private view(ctx: RequestContext, lock: StoredLock): EntryLockResponse {
    return {
      entryId: lock.entryId,
      holder: lock.holder,
      heldByYou: ctx.actor.type === 'user' && lock.holder.id === ctx.actor.id,
      acquiredAt: lock.acquiredAt.toISOString(),
      heartbeatAt: lock.heartbeatAt.toISOString(),
      expiresAt: lock.expiresAt.toISOString(),
      ttlSeconds: this.options.lockTtlSeconds,
    };
  }
}

/** Locks are held by members; an API key (or a job) has no one to show as the holder. */
function memberId(ctx: RequestContext): string {
  if (ctx.actor.type !== 'user' || !ctx.actor.id) throw new EntryLockNeedsMemberError();
  return ctx.actor.id;
}

function takeOverWarning(previous: LockHolder): string {
  const who = previous.displayName ?? `member ${previous.id}`;
  return `You took over the lock from ${who}; changes they have not saved yet may be lost or overwritten.`;
}
