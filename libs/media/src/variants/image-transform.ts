import { PassThrough, type Readable } from 'node:stream';
import sharp, { type Sharp } from 'sharp';
import { CENTRE, focalCoverCrop, type FocalPoint } from './focal-crop';
import { inspectImage, readImageBytes, toImageError, type ImageLimits } from './image-input';
import type { VariantParams } from './variant-params';
import { VariantSourceUnsupportedError } from './variant.errors';

export interface TransformedImage {
  /** The encoded variant; fails with `UnreadableImageError` if decoding breaks midway. */
  stream: Readable;
  contentType: string;
}

const CONTENT_TYPES = { webp: 'image/webp', avif: 'image/avif', jpeg: 'image/jpeg', png: 'image/png' } as const;

/**
 * Renders a variant: the source is turned upright by its EXIF orientation, cropped around the focal point (`cover`
 * with both dimensions) or fitted (`contain`, `inside`, or `cover` with one dimension), never enlarged, and encoded
 * without any metadata (no EXIF, GPS, XMP, IPTC or ICC profile; colours converted to sRGB). Animated sources give
 * their first frame. Refused before decoding: a source past the limits (`ImageTooLargeError`,
 * `ImageFileTooLargeError`), one that is no image (`UnreadableImageError`) or not a raster format Quire decodes
 * (`VariantSourceUnsupportedError`).
 */
export async function transformImage(
  input: Readable,
  params: VariantParams,
  options: { limits: ImageLimits; focalPoint?: FocalPoint },
): Promise<TransformedImage> {
  const source = await inspectImage(await readImageBytes(input, options.limits.maxInputBytes), options.limits);
  if (!source.format) throw new VariantSourceUnsupportedError(source.type);
  let image = sharp(source.bytes, { autoOrient: true, limitInputPixels: options.limits.maxInputPixels });
  image = resize(image, { width: source.width, height: source.height }, params, options.focalPoint ?? CENTRE);
  image = encode(image, params);

  // sharp's errors are its own; the caller gets typed ones, and a consumer that gives up stops the work.
  const stream = new PassThrough();
  image.once('error', (error) => stream.destroy(toImageError(error, source.type)));
  stream.once('close', () => image.destroy());
  image.pipe(stream);
  return { stream, contentType: CONTENT_TYPES[params.format] };
}

function resize(
  image: Sharp,
  source: { width: number; height: number },
  params: VariantParams,
  focalPoint: FocalPoint,
): Sharp {
  const { width, height } = params;
  if (params.fit === 'cover' && width !== undefined && height !== undefined) {
    const crop = focalCoverCrop(source, { width, height }, params.focalPoint ?? focalPoint);
    return image.extract(crop.region).resize(crop.output.width, crop.output.height, { fit: 'fill' });
  }
  return image.resize({
    width,
    height,
    // With one dimension, every fit scales proportionally.
    fit: params.fit === 'contain' ? 'contain' : 'inside',
    withoutEnlargement: true,
    background: params.format === 'jpeg' ? '#ffffff' : { r: 0, g: 0, b: 0, alpha: 0 },
  });
}

function encode(image: Sharp, params: VariantParams): Sharp {
  switch (params.format) {
    case 'webp':
      return image.webp({ quality: params.quality });
    case 'avif':
      return image.avif({ quality: params.quality });
    case 'jpeg':
      // JPEG has no transparency: transparent pixels become white, not black.
      return image.flatten({ background: '#ffffff' }).jpeg({ quality: params.quality, mozjpeg: true });
    case 'png':
      return image.png({ compressionLevel: 9 });
  }
}
