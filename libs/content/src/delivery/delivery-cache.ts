import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';

/**
 * Who a response was rendered for: anyone (a public type), a caller holding `read:PublishedEntry`, or the bearer
 * of a preview token (drafts: never put in the response cache, never given an ETag, `Cache-Control: no-store`).
 */
export type AccessClass = 'public' | 'key' | 'preview';

/**
 * The identity of a delivery response: the workspace, its delivery generation and locale settings at the time,
 * the access class and the normalized request. Any publish, unpublish, trash or type change bumps the
 * generation, so a key never names stale content, whichever instance computed it.
 */
export function responseKey(parts: {
  workspaceId: string;
  generation: string;
  localeFingerprint: string;
  access: AccessClass;
  url: string;
}): string {
  return `${parts.workspaceId}\n${parts.generation}\n${parts.localeFingerprint}\n${parts.access}\n${parts.url}`;
}

/** The strong ETag of a response key. */
export function etagOf(key: string): string {
  return `"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names this ETag (weak comparison, `*` included). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const value = candidate.trim();
    return value === '*' || value.replace(/^W\//, '') === opaque;
  });
}

/**
 * `path` with its query parameters sorted, so `?a=1&b=2` and `?b=2&a=1` share a key and an ETag. The path is
 * the part after the workspace, so a slug and an id of the same workspace share them too.
 */
export function normalizeUrl(pathAfterWorkspace: string, search: string): string {
  const params = new URLSearchParams(search);
  params.sort();
  const query = params.toString();
  return query ? `${pathAfterWorkspace}?${query}` : pathAfterWorkspace;
}

const MAX_ENTRIES = 2000;
const MAX_BYTES = 32 * 1024 * 1024;
const MAX_BODY_BYTES = 512 * 1024;

/**
 * Rendered delivery responses of this instance, least recently used evicted first. Safe with many instances:
 * keys hold the generation read from the database, so a change anywhere simply stops old keys being asked for.
 */
@Injectable()
export class DeliveryResponseCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  get(key: string): string | undefined {
    const body = this.entries.get(key);
    if (body !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, body);
    }
    return body;
  }

  set(key: string, body: string): void {
    if (body.length > MAX_BODY_BYTES) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.bytes -= previous.length;
      this.entries.delete(key);
    }
    this.entries.set(key, body);
    this.bytes += body.length;
    while (this.entries.size > MAX_ENTRIES || this.bytes > MAX_BYTES) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, string];
      this.entries.delete(oldestKey);
      this.bytes -= oldest.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
