import type { FactoryProvider } from '@nestjs/common';
import { QUIRE_CONFIG, type QuireConfig } from '@quire/core';
import type { Readable } from 'node:stream';
import sharp, { type Metadata } from 'sharp';
import { ImageTooLargeError, UnreadableImageError } from '../media.errors';
import { ImageFileTooLargeError } from './variant.errors';

/** How much image Quire decodes: a guard against decompression bombs and memory exhaustion. */
export interface ImageLimits {
  /** Width × height (× frames when all are decoded); MEDIA_IMAGE_MAX_PIXELS. */
  maxInputPixels: number;
  /** Compressed bytes read into memory (libvips needs random access to most formats, as sharp's own streams do). */
  maxInputBytes: number;
}

export const DEFAULT_IMAGE_MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Injection token of the installation's `ImageLimits`. */
export const IMAGE_LIMITS = Symbol('IMAGE_LIMITS');

export function imageLimitsFromConfig(config: QuireConfig): ImageLimits {
  return { maxInputPixels: config.MEDIA_IMAGE_MAX_PIXELS, maxInputBytes: DEFAULT_IMAGE_MAX_INPUT_BYTES };
}

/** Add to the media module's providers: `@Inject(IMAGE_LIMITS) limits: ImageLimits`. */
export const imageLimitsProvider: FactoryProvider<ImageLimits> = {
  provide: IMAGE_LIMITS,
  useFactory: imageLimitsFromConfig,
  inject: [QUIRE_CONFIG],
};

/** Raster formats Quire decodes. SVG (a document that can carry scripts) and PDF are never rasterised. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'tiff';

const CONTENT_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  tiff: 'image/tiff',
};

export interface InspectedImage {
  bytes: Buffer;
  /** Null for what sharp reads but Quire does not decode (SVG, PDF, HEIC…): `type` says what it is. */
  format: ImageFormat | null;
  type: string;
  metadata: Metadata;
  /** Dimensions as displayed: after the EXIF orientation is applied. */
  width: number;
  height: number;
}

/** Reads a stream into memory, refusing (and destroying) it as soon as it passes `maxBytes`. */
export async function readImageBytes(input: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      input.destroy();
      throw new ImageFileTooLargeError(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

/**
 * What an image is, from its header, before any pixel is decoded: so that a decompression bomb is refused for
 * nothing (`ImageTooLargeError` past `maxInputPixels`; `frames: 'all'` counts every frame of an animation).
 */
export async function inspectImage(
  bytes: Buffer,
  limits: ImageLimits,
  frames: 'first' | 'all' = 'first',
): Promise<InspectedImage> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new UnreadableImageError('an image');
  }
  const format = formatOf(metadata);
  const type = format ? CONTENT_TYPES[format] : metadata.format;
  const width = metadata.width;
  const height = metadata.pageHeight ?? metadata.height;
  if (!(width > 0 && height > 0)) throw new UnreadableImageError(type);
  const pixels = width * height * (frames === 'all' ? (metadata.pages ?? 1) : 1);
  if (pixels > limits.maxInputPixels) throw new ImageTooLargeError(width, height, limits.maxInputPixels);
  const oriented = metadata.autoOrient ?? { width, height };
  return { bytes, format, type, metadata, width: oriented.width, height: oriented.height };
}

/** A sharp failure while decoding pixels (after the header passed), as the typed error the API answers. */
export function toImageError(error: unknown, type: string): Error {
  if (error instanceof ImageTooLargeError || error instanceof UnreadableImageError) return error;
  return new UnreadableImageError(type);
}

export function contentTypeOf(format: ImageFormat): string {
  return CONTENT_TYPES[format];
}

function formatOf(metadata: Metadata): ImageFormat | null {
  switch (metadata.format) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'gif':
    case 'tiff':
      return metadata.format;
    case 'heif':
      // libheif reads AVIF (AV1); HEIC (HEVC) needs a decoder sharp does not ship.
      return metadata.compression === 'av1' ? 'avif' : null;
    default:
      return null;
  }
}
