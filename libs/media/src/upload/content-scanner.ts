import { Transform, type TransformCallback } from 'node:stream';
import { UnsafeContentError } from '../media.errors';
import { ACTIVE_MARKUP } from './content-inspection';
import { isZipBased, SVG_TYPE, type DetectedType } from './media-types';

/**
 * Active content in an SVG: scripts, event handler attributes, `javascript:` and HTML `data:` URLs (also behind
 * character references), embedded HTML, and entity declarations (external entities, "billion laughs").
 */
const ACTIVE_SVG =
  /<script[\s>/]|<foreignobject[\s>/]|<iframe[\s>/]|<embed[\s>/]|<object[\s>/]|\son[a-z]+\s*=|javascript:|data:text\/html|<!entity|(?:href|to|from|values)\s*=\s*["']?\s*&(?:#|[a-z]+;)/i;

/** Characters of one chunk kept for the next, so that a marker split across chunks is still found. */
const OVERLAP = 256;
/** A ZIP's end-of-central-directory record lies within its last 64 KiB + 22 bytes. */
const ZIP_TAIL_BYTES = 65535 + 22;
const EOCD_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

type Mode = 'svg' | 'binary-markup' | 'none';

/**
 * Checks a file as it streams to storage, for polyglots file-type cannot see from the head:
 * - SVG: no active content anywhere (ACTIVE_SVG);
 * - raster images (shown by pages, opened alone in a tab): no HTML or script markup anywhere in the bytes;
 * - every format that is not a ZIP container: no valid ZIP directory at the end (a GIFAR, or a PDF or JPEG with
 *   an archive appended, which Java, Office or a ZIP reader would open as the archive).
 * Audio, video, documents and fonts (whose OpenType SVG tables hold markup by design) are checked in their first
 * kilobyte only (inspectHead), where sniffers look.
 * A finding fails the stream with UnsafeContentError, so the storage write fails and nothing is kept.
 */
export class ContentScanner extends Transform {
  private readonly mode: Mode;
  private carry = '';
  private tail = Buffer.alloc(0);
  private bytes = 0;

  constructor(private readonly type: DetectedType) {
    super();
    this.mode = type.mime === SVG_TYPE ? 'svg' : type.kind === 'image' ? 'binary-markup' : 'none';
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.mode !== 'none') {
      const text = this.carry + chunk.toString('latin1');
      const pattern = this.mode === 'svg' ? ACTIVE_SVG : ACTIVE_MARKUP;
      if (pattern.test(text)) {
        callback(
          new UnsafeContentError(
            this.mode === 'svg'
              ? 'the SVG holds script or other active content'
              : `it is ${this.type.mime} but holds HTML or script`,
          ),
        );
        return;
      }
      this.carry = text.slice(-OVERLAP);
    }
    if (!isZipBased(this.type.ext)) {
      this.tail =
        chunk.length >= ZIP_TAIL_BYTES
          ? Buffer.from(chunk.subarray(chunk.length - ZIP_TAIL_BYTES))
          : Buffer.concat([this.tail, chunk]).subarray(-ZIP_TAIL_BYTES);
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (!isZipBased(this.type.ext) && endsWithZipDirectory(this.tail, this.bytes)) {
      callback(new UnsafeContentError(`it is ${this.type.mime} but ends with a ZIP archive`));
      return;
    }
    callback();
  }
}

/**
 * Whether the file ends with a well-formed ZIP end-of-central-directory record: the signature, and a comment length
 * that reaches exactly the end of the file (what ZIP readers look for; random bytes almost never agree on both).
 */
export function endsWithZipDirectory(tail: Buffer, fileLength: number): boolean {
  let at = tail.lastIndexOf(EOCD_SIGNATURE);
  while (at >= 0) {
    if (at + 22 <= tail.length) {
      const commentLength = tail.readUInt16LE(at + 20);
      const tailStart = fileLength - tail.length;
      if (tailStart + at + 22 + commentLength === fileLength) return true;
    }
    at = at === 0 ? -1 : tail.lastIndexOf(EOCD_SIGNATURE, at - 1);
  }
  return false;
}
