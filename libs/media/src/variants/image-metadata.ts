import { Readable, Transform, type TransformCallback } from 'node:stream';
import sharp, { type Sharp } from 'sharp';
import { ImageFileTooLargeError } from './variant.errors';
import {
  contentTypeOf,
  inspectImage,
  readImageBytes,
  toImageError,
  type ImageFormat,
  type ImageLimits,
} from './image-input';

export interface StripOptions {
  /** The workspace opted to keep image metadata: the bytes pass unchanged. */
  keepMetadata: boolean;
  limits: ImageLimits;
}

/** What was stored, and whether metadata was removed. */
export interface StrippedImageFacts {
  /** Null for what Quire does not decode (SVG…): such files pass unchanged. */
  format: ImageFormat | null;
  contentType: string;
  /** As displayed (EXIF orientation applied). */
  width: number;
  height: number;
  /** The image carried EXIF, XMP, IPTC, PNG text or an orientation. */
  hadMetadata: boolean;
  /** Metadata was removed (and the pixels re-encoded). */
  stripped: boolean;
}

export interface StrippedImage extends StrippedImageFacts {
  bytes: Buffer;
}

/** Formats whose files carry EXIF, XMP or IPTC that sharp writes back without them. */
const RE_ENCODED: ReadonlySet<ImageFormat> = new Set(['jpeg', 'png', 'webp', 'tiff', 'avif']);

/**
 * For the upload path: removes EXIF (GPS location, camera serial, time taken), XMP, IPTC and PNG text from an
 * image, turning the pixels upright first so that dropping the Orientation tag changes nothing on screen. The ICC
 * profile is kept (colours, not personal data). An image without such metadata passes byte for byte, as does
 * every image when `keepMetadata` is set. Either way the header is checked against the limits first
 * (`ImageTooLargeError`, `UnreadableImageError`); a re-encoding error is an `UnreadableImageError` too.
 */
export async function stripImageMetadataFromBytes(bytes: Buffer, options: StripOptions): Promise<StrippedImage> {
  const source = await inspectImage(bytes, options.limits, 'all');
  const { metadata, format } = source;
  const hadMetadata =
    Boolean(metadata.exif || metadata.xmp || metadata.iptc) ||
    (metadata.comments?.length ?? 0) > 0 ||
    (metadata.orientation !== undefined && metadata.orientation !== 1);
  const facts = { format, contentType: source.type, width: source.width, height: source.height, hadMetadata };
  if (options.keepMetadata || !hadMetadata || !format || !RE_ENCODED.has(format)) {
    return { ...facts, bytes, stripped: false };
  }
  const animated = (metadata.pages ?? 1) > 1;
  const image = sharp(bytes, {
    // Frames of an animation cannot be turned one by one; animations rarely carry an orientation.
    autoOrient: !animated,
    pages: animated ? -1 : 1,
    limitInputPixels: options.limits.maxInputPixels,
  }).keepIccProfile();
  try {
    const stripped = await encodeLike(image, format).toBuffer();
    return { ...facts, contentType: contentTypeOf(format), bytes: stripped, stripped: true };
  } catch (error) {
    throw toImageError(error, source.type);
  }
}

/** `stripImageMetadataFromBytes` for a stream (read into memory within `limits.maxInputBytes`). */
export async function stripImageMetadata(
  input: Readable,
  options: StripOptions,
): Promise<StrippedImageFacts & { stream: Readable; size: number }> {
  const { bytes, ...facts } = await stripImageMetadataFromBytes(
    await readImageBytes(input, options.limits.maxInputBytes),
    options,
  );
  return { ...facts, stream: Readable.from([bytes]), size: bytes.length };
}

/**
 * The same as a pipeline stage (`pipeline(upload, …, new ImageMetadataStripper(options), hashAndCount)`): it
 * takes the whole image (refusing it once past `limits.maxInputBytes`), then emits the stored bytes. `facts` is
 * set when it has emitted them.
 */
export class ImageMetadataStripper extends Transform {
  facts: StrippedImageFacts | null = null;
  private readonly chunks: Buffer[] = [];
  private received = 0;

  constructor(private readonly options: StripOptions) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.options.limits.maxInputBytes) {
      callback(new ImageFileTooLargeError(this.options.limits.maxInputBytes));
      return;
    }
    this.chunks.push(chunk);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    const bytes = Buffer.concat(this.chunks, this.received);
    this.chunks.length = 0;
    stripImageMetadataFromBytes(bytes, this.options).then(
      ({ bytes: stored, ...facts }) => {
        this.facts = facts;
        callback(null, stored);
      },
      (error: Error) => callback(error),
    );
  }
}

/** The same format at a quality that makes a second generation hard to tell from the first. */
function encodeLike(image: Sharp, format: ImageFormat): Sharp {
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality: 92, chromaSubsampling: '4:4:4' });
    case 'png':
      return image.png({ compressionLevel: 9 });
    case 'webp':
      return image.webp({ quality: 92 });
    case 'avif':
      return image.avif({ quality: 75 });
    case 'tiff':
      return image.tiff({ compression: 'lzw' });
    case 'gif':
      return image.gif();
  }
}
