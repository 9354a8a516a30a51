import { Transform, type TransformCallback } from 'node:stream';

/**
 * Passes bytes through and counts them; when the writer announced a size, a stream that ends short of it or runs
 * past it fails, so that the driver stores nothing instead of a truncated or padded object.
 */
export class ExpectedSize extends Transform {
  bytes = 0;

  constructor(private readonly expected: number | undefined) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.expected !== undefined && this.bytes > this.expected) {
      callback(new Error(`The stream is longer than the announced ${this.expected} bytes`));
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.expected !== undefined && this.bytes !== this.expected) {
      callback(new Error(`The stream ended after ${this.bytes} of the announced ${this.expected} bytes`));
      return;
    }
    callback();
  }
}
