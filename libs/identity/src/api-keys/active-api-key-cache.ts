import { Injectable } from '@nestjs/common';
import type { ActiveApiKey } from './active-api-key';

/** Longest time a positive answer is reused: bounds staleness even when a revocation notice is lost. */
export const ACTIVE_API_KEY_CACHE_TTL_MS = 1000;
/** Memory bound; at one second of life an entry rarely survives long enough for this to matter. */
const MAX_ENTRIES = 10_000;

interface Entry {
  key: ActiveApiKey;
  until: number;
}

/**
 * Per-instance memory of keys found active in the last second, by secret hash, so a client's burst costs one
 * query. Only positive answers are kept: an unknown, revoked or expired key is never served from memory. Off
 * whenever the revocation channel is not listening (ApiKeyRevocationListener), because a revocation on another
 * instance could then go unnoticed for the TTL. Same design as the session cache (ADR 0010, 0012).
 */
@Injectable()
export class ActiveApiKeyCache {
  private readonly bySecretHash = new Map<string, Entry>();
  private readonly secretHashById = new Map<string, string>();
  private listening = false;
  private evictions = 0;

  /** Read before querying the database and hand to remember(): an eviction in between voids the answer. */
  get generation(): number {
    return this.evictions;
  }

  get(secretHash: string, now = Date.now()): ActiveApiKey | null {
    const entry = this.bySecretHash.get(secretHash);
    if (!entry) return null;
    const expired = entry.key.expiresAt !== null && entry.key.expiresAt.getTime() <= now;
    if (entry.until <= now || expired) {
      this.forget(secretHash, entry.key.id);
      return null;
    }
    return entry.key;
  }

  /**
   * Keeps an answer read from the database, unless a revocation arrived while it was being read (the read may
   * predate the revocation's commit, and the notice that would evict it has already passed).
   */
  remember(secretHash: string, key: ActiveApiKey, generation: number, now = Date.now()): void {
    if (!this.listening || generation !== this.evictions) return;
    if (this.bySecretHash.size >= MAX_ENTRIES) {
      const oldest = this.bySecretHash.entries().next();
      if (!oldest.done) this.forget(oldest.value[0], oldest.value[1].key.id);
    }
    this.bySecretHash.set(secretHash, { key, until: now + ACTIVE_API_KEY_CACHE_TTL_MS });
    this.secretHashById.set(key.id, secretHash);
  }

  evict(keyId: string): void {
    this.evictions++;
    const secretHash = this.secretHashById.get(keyId);
    if (secretHash !== undefined) this.forget(secretHash, keyId);
  }

  /** Turns caching on or off; either way the memory is emptied, since notices may have been missed. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.evictions++;
    this.bySecretHash.clear();
    this.secretHashById.clear();
  }

  private forget(secretHash: string, keyId: string): void {
    this.bySecretHash.delete(secretHash);
    this.secretHashById.delete(keyId);
  }
}
