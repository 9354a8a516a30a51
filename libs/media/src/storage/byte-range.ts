import type { ByteRange } from './media-storage';

/** A range that cannot be asked of any object: negative, fractional, or ending before it starts. */
export function assertByteRange(range: ByteRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`Invalid byte range ${start}-${end}`);
  }
}

/**
 * The range as an object of `size` bytes can serve it: the end clamped to the last byte, as S3 and HTTP do. A
 * range that starts past the end is refused (HTTP 416), with a RangeError like the S3 driver's.
 */
export function clampByteRange(range: ByteRange, size: number): ByteRange {
  assertByteRange(range);
  if (range.start >= size) throw new RangeError(`Byte range ${range.start}-${range.end} starts past the end (${size})`);
  return { start: range.start, end: Math.min(range.end, size - 1) };
}
