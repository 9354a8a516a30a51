import type { Readable } from 'node:stream';
import sharp from 'sharp';

/** Formats sharp reads (the prebuilt libvips): for these, a file that does not decode is refused. */
const SHARP_READABLE = new Set([
  'image/jpeg',
  'image/png',
  'image/apng',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/tiff',
]);

/** A file read whole to find its dimensions only up to this size (its header was not in the first bytes). */
export const FULL_PROBE_MAX_BYTES = 64 * 1024 * 1024;

export interface ImageFacts {
  width: number;
  height: number;
  /** Pixels a full decode produces: every page or frame of a multi-page image counts. */
  pixels: number;
  /** EXIF, XMP or IPTC present: camera, date, location, people's names. */
  hasMetadata: boolean;
}

export function isProbedImage(mime: string): boolean {
  return SHARP_READABLE.has(mime);
}

/**
 * Images whose metadata the upload strips (re-encoding them): not APNG, whose animation sharp would flatten, nor
 * formats sharp does not decode (HEIC, SVG: SVG metadata is markup, checked by the scanner).
 */
export function isStrippable(mime: string): boolean {
  return SHARP_READABLE.has(mime) && mime !== 'image/apng';
}

/**
 * Dimensions and metadata presence from the image's header, without decoding pixels (so a decompression bomb costs
 * nothing here; the caller compares the pixel count with its limit). Null when sharp cannot read the header from
 * these bytes (truncated before it, or not an image at all).
 */
export async function probeImage(input: Buffer | Readable): Promise<ImageFacts | null> {
  try {
    const reader = sharp({ limitInputPixels: false, failOn: 'none' });
    const metadata = Buffer.isBuffer(input)
      ? await sharp(input, { limitInputPixels: false, failOn: 'none' }).metadata()
      : await new Promise<sharp.Metadata>((resolve, reject) => {
          input.on('error', reject);
          input.pipe(reader);
          reader.metadata().then(resolve, reject);
        });
    if (!metadata.width || !metadata.height) return null;
    // A multi-page image (animated GIF/WebP, TIFF pages) decodes every page: count them all.
    const pages = metadata.pages && metadata.pages > 1 ? metadata.pages : 1;
    const height = metadata.pageHeight ?? metadata.height;
    // As displayed: an EXIF orientation of 90° swaps the two.
    const shown = metadata.autoOrient ?? { width: metadata.width, height };
    return {
      width: shown.width,
      height: shown.height,
      pixels: metadata.width * height * pages,
      hasMetadata: Boolean(metadata.exif ?? metadata.xmp ?? metadata.iptc),
    };
  } catch {
    return null;
  }
}
