import { QuireError } from '@quire/core';
import type { LockHolder } from './entry-lock-store';

/** Another member holds a live lock on the entry: acquiring needs `takeOver`, releasing is theirs to do. */
export class EntryLockedError extends QuireError {
  constructor(entryId: string, holder: LockHolder, expiresAt: Date, releasing = false) {
    const who = holder.displayName ? `${holder.displayName} (${holder.id})` : holder.id;
    super({
      code: 'content.entry-locked',
      status: 409,
      title: 'Entry is locked',
      detail: releasing
        ? `Entry ${entryId} is locked by ${who}, not by you; only the holder releases a lock.`
        : `Entry ${entryId} is being edited by ${who} until ${expiresAt.toISOString()}; send {"takeOver": true} to take the lock over.`,
      extensions: { holder, expiresAt: expiresAt.toISOString() },
    });
  }
}

/** Locks name a member of the workspace; API keys and jobs cannot hold one. */
export class EntryLockNeedsMemberError extends QuireError {
  constructor() {
    super({
      code: 'content.entry-lock-member-only',
      status: 403,
      title: 'Only members lock entries',
      detail: 'Entry locks are held by signed-in members; API keys cannot take or release them.',
    });
  }
}
