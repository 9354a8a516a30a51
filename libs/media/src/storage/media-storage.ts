import type { Readable } from 'node:stream';

/** What a driver knows about one stored object. */
export interface StoredObjectInfo {
  size: number;
  contentType: string | null;
}

/** A byte range of an object, both ends inclusive (HTTP `Range: bytes=start-end`). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where media bytes live. One interface for every driver (local disk, S3-compatible), so that the rest of the
 * plugin never knows which is configured. Keys are opaque, relative, `/`-separated and made by the plugin, never
 * from user input (no `..`, no leading `/`).
 */
export abstract class MediaStorage {
  /** `local` or `s3`: recorded with each asset so that a later driver change can still find old objects. */
  abstract readonly driver: string;

  /**
   * Streams `body` to `key`, replacing what is there. The stream is consumed once and never buffered whole; on
   * error, nothing is left under `key`.
   */
  abstract put(key: string, body: Readable, options: { contentType: string; size?: number }): Promise<void>;

  /** The object's bytes (or a range of them); throws `MediaObjectMissingError` when there is no such object. */
  abstract get(key: string, range?: ByteRange): Promise<Readable>;

  /** Size and type, or null when there is no such object. */
  abstract head(key: string): Promise<StoredObjectInfo | null>;

  /** Removes the object; removing a missing one is not an error. */
  abstract delete(key: string): Promise<void>;

  /** Removes every object whose key starts with `prefix` (an asset's variants). */
  abstract deletePrefix(prefix: string): Promise<void>;

  /**
   * A URL that serves the object directly from the store for `expiresInSeconds`, or null when the driver cannot
   * make one (local disk: the API serves it, with its own signed URL). The response carries `contentType` and a
   * Content-Disposition with `fileName`: `attachment` unless `inline` is asked for, because the store's responses
   * cannot carry Quire's `nosniff` and CSP headers (never ask `inline` for SVG or HTML).
   */
  abstract presignedGetUrl(
    key: string,
    options: { expiresInSeconds: number; contentType: string; fileName: string; disposition?: 'inline' | 'attachment' },
  ): Promise<string | null>;
}

/** The driver has no object under the key (a deleted asset, or storage changed behind Quire's back). */
export class MediaObjectMissingError extends Error {
  constructor(readonly key: string) {
    super(`No stored object under ${key}`);
    this.name = 'MediaObjectMissingError';
  }
}
