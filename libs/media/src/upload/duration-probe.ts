import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { parseStream } from 'music-metadata';
import type { MediaKind } from './media-types';

/**
 * The duration is read from the first bytes of the stored file only: WAV, AIFF, FLAC, Ogg, MP3 (a Xing/VBRI header
 * or constant bit rate), WebM/Matroska, and MP4/M4A/QuickTime with the `moov` box first ("fast start") — for MP4,
 * music-metadata takes it from the audio track, so a video without sound gets none. A file whose duration lies
 * further in (an MP4 with `moov` at its end) gets none rather than a read of the whole file.
 */
export const DURATION_PROBE_MAX_BYTES = 16 * 1024 * 1024;
/** A hostile file must not hold the upload's answer up: past this, the duration stays unknown. */
const DURATION_PROBE_TIMEOUT_MS = 5000;

export function hasDuration(kind: MediaKind): boolean {
  return kind === 'audio' || kind === 'video';
}

/**
 * Milliseconds of audio or video in `stream` (music-metadata, headers only), or null when the format does not say
 * within the first DURATION_PROBE_MAX_BYTES or cannot be parsed. Never throws; always consumes or destroys `stream`.
 */
export async function probeDuration(stream: Readable, mimeType: string): Promise<number | null> {
  const bounded = new FirstBytes(DURATION_PROBE_MAX_BYTES);
  stream.on('error', (error) => bounded.destroy(error));
  stream.pipe(bounded);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), DURATION_PROBE_TIMEOUT_MS);
  });
  try {
    // `bounded` is a byte stream whatever `stream` is: music-metadata's reader needs read(n) to give at most n bytes.
    const parsed = parseStream(bounded, { mimeType }, { duration: false, skipCovers: true, skipPostHeaders: true })
      .then((metadata) => metadata.format.duration)
      .catch(() => undefined);
    const seconds = await Promise.race([parsed, expired]);
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
  } finally {
    clearTimeout(timer);
    stream.unpipe(bounded);
    stream.destroy();
    bounded.destroy();
  }
}

/** Passes on the first `limit` bytes, then ends (the parser sees a shorter file, not an error). */
class FirstBytes extends Transform {
  private passed = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.passed >= this.limit) return callback();
    const room = this.limit - this.passed;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.passed += part.length;
    this.push(part);
    if (this.passed >= this.limit) this.push(null);
    callback();
  }
}
