import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { QuotaExceededError, UploadTooLargeError } from '../media.errors';

/**
 * Counts the bytes a client sends for the file and fails the stream the moment they pass the upload limit or the
 * workspace's remaining quota, so that a too-large upload stops there (413) instead of being stored first.
 */
export class UploadLimiter extends Transform {
  bytes = 0;

  constructor(
    private readonly maxUploadBytes: number,
    private readonly quota: { usedBytes: number; limitBytes: number },
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxUploadBytes) return callback(new UploadTooLargeError(this.maxUploadBytes));
    if (this.quota.usedBytes + this.bytes > this.quota.limitBytes) {
      return callback(new QuotaExceededError(this.quota.usedBytes, this.quota.limitBytes));
    }
    callback(null, chunk);
  }
}

/** SHA-256 and length of the bytes that reach storage (after metadata stripping): the asset's checksum and size. */
export class StoredBytesMeter extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');
  private hex: string | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.hex = this.hash.digest('hex');
    callback();
  }

  /** Hex digest; only once the stream has ended. */
  get sha256(): string {
    if (this.hex === null) throw new Error('StoredBytesMeter: the stream has not ended');
    return this.hex;
  }
}
