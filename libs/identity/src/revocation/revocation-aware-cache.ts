/** Longest time a positive answer is reused: bounds staleness even when a revocation notice is lost. */
export const REVOCATION_AWARE_CACHE_TTL_MS = 1000;
/** Memory bound; at one second of life an entry rarely survives long enough for this to matter. */
const MAX_ENTRIES = 10_000;

/** What the cache must know of a remembered value: the id its revocation names, and its own end if it has one. */
export interface Revocable {
  id: string;
  expiresAt: Date | null;
}

interface Entry<T> {
  value: T;
  id: string;
  until: number;
}

/**
 * Per-instance memory of credentials (sessions, API keys) found active in the last second, so a burst of requests
 * costs one query. Entries are looked up by what a request carries (a session id, a key's secret hash) and evicted
 * by the id a revocation notice names. Only positive answers are kept: an unknown, revoked or expired credential is
 * never served from memory. Off whenever the revocation channel is not listening (RevocationListener), because a
 * revocation on another instance could then go unnoticed for the TTL (ADR 0010, 0012).
 */
export class RevocationAwareCache<T> {
  private readonly byLookupKey = new Map<string, Entry<T>>();
  private readonly lookupKeyById = new Map<string, string>();
  private listening = false;
  private evictions = 0;

  constructor(private readonly describe: (value: T) => Revocable) {}

  /** Read before querying the database and hand to remember(): an eviction in between voids the answer. */
  get generation(): number {
    return this.evictions;
  }

  get(lookupKey: string, now = Date.now()): T | null {
    const entry = this.byLookupKey.get(lookupKey);
    if (!entry) return null;
    if (entry.until <= now) {
      this.forget(lookupKey, entry.id);
      return null;
    }
    return entry.value;
  }

  /**
   * Keeps an answer read from the database, unless a revocation arrived while it was being read (the read may
   * predate the revocation's commit, and the notice that would evict it has already passed).
   */
  remember(lookupKey: string, value: T, generation: number, now = Date.now()): void {
    if (!this.listening || generation !== this.evictions) return;
    if (this.byLookupKey.size >= MAX_ENTRIES) {
      const oldest = this.byLookupKey.entries().next();
      if (!oldest.done) this.forget(oldest.value[0], oldest.value[1].id);
    }
    const { id, expiresAt } = this.describe(value);
    // Never served past the credential's own end, even inside the TTL.
    const until = Math.min(now + REVOCATION_AWARE_CACHE_TTL_MS, expiresAt?.getTime() ?? Infinity);
    this.byLookupKey.set(lookupKey, { value, id, until });
    this.lookupKeyById.set(id, lookupKey);
  }

  evict(id: string): void {
    this.evictions++;
    const lookupKey = this.lookupKeyById.get(id);
    if (lookupKey !== undefined) this.forget(lookupKey, id);
  }

  /** Turns caching on or off; either way the memory is emptied, since notices may have been missed. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.evictions++;
    this.byLookupKey.clear();
    this.lookupKeyById.clear();
  }

  private forget(lookupKey: string, id: string): void {
    this.byLookupKey.delete(lookupKey);
    this.lookupKeyById.delete(id);
  }
}
