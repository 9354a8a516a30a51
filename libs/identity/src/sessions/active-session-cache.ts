import { Injectable } from '@nestjs/common';
import type { ActiveSession } from './active-session';

/** Longest time a positive answer is reused: bounds staleness even when a revocation notice is lost. */
export const ACTIVE_SESSION_CACHE_TTL_MS = 1000;
/** Memory bound; at one second of life an entry rarely survives long enough for this to matter. */
const MAX_ENTRIES = 10_000;

interface Entry {
  session: ActiveSession;
  until: number;
}

/**
 * Per-instance memory of sessions found active in the last second, so a burst of requests (a console page
 * loading) costs one query. Only positive answers are kept: a revoked or unknown session is never served from
 * memory. Disabled whenever the revocation channel is not listening (see SessionRevocationListener), because
 * then a revocation on another instance could go unnoticed for the TTL.
 */
@Injectable()
export class ActiveSessionCache {
  private readonly entries = new Map<string, Entry>();
  private listening = false;
  private evictions = 0;

  /** Read before querying the database and hand to remember(): an eviction in between voids the answer. */
  get generation(): number {
    return this.evictions;
  }

  get(sessionId: string, now = Date.now()): ActiveSession | null {
    const entry = this.entries.get(sessionId);
    if (!entry) return null;
    if (entry.until <= now) {
      this.entries.delete(sessionId);
      return null;
    }
    return entry.session;
  }

  /**
   * Keeps an answer read from the database, unless a revocation arrived while it was being read (the read may
   * predate the revocation's commit, and the notice that would evict it has already passed).
   */
  remember(session: ActiveSession, generation: number, now = Date.now()): void {
    if (!this.listening || generation !== this.evictions) return;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(session.sessionId, { session, until: now + ACTIVE_SESSION_CACHE_TTL_MS });
  }

  evict(sessionId: string): void {
    this.evictions++;
    this.entries.delete(sessionId);
  }

  /** Turns caching on or off; either way the memory is emptied, since notices may have been missed. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.evictions++;
    this.entries.clear();
  }
}
