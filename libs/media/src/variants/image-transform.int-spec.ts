import sharp from 'sharp';
import { ImageTooLargeError, UnreadableImageError } from '../media.errors';
import { DEFAULT_IMAGE_MAX_INPUT_BYTES, type ImageLimits } from './image-input';
import { transformImage } from './image-transform';
import { parseVariantQuery } from './variant-params';
import { ImageFileTooLargeError, VariantSourceUnsupportedError } from './variant.errors';
import { photoWithExif, pngBomb, readAll, redLeftBlueRight, solidImage, streamOf } from './testing/generated-images';

const limits: ImageLimits = { maxInputPixels: 60_000_000, maxInputBytes: DEFAULT_IMAGE_MAX_INPUT_BYTES };

async function render(
  source: Buffer,
  query: Record<string, string>,
  options: Partial<Parameters<typeof transformImage>[2]> = {},
) {
  const result = await transformImage(streamOf(source), parseVariantQuery(query), { limits, ...options });
  const bytes = await readAll(result.stream);
  return { bytes, contentType: result.contentType, metadata: await sharp(bytes).metadata() };
}

/** The average colour of an image, as [r, g, b]. */
async function meanColour(bytes: Buffer): Promise<number[]> {
  const { channels } = await sharp(bytes).stats();
  return channels.slice(0, 3).map((channel) => Math.round(channel.mean));
}

describe(transformImage.name, () => {
  it.each([
    ['webp', 'image/webp', 'webp'],
    ['avif', 'image/avif', 'heif'],
    ['jpeg', 'image/jpeg', 'jpeg'],
    ['png', 'image/png', 'png'],
  ])('encodes %s', async (fm, contentType, decodedFormat) => {
    const { metadata, contentType: type } = await render(await solidImage(800, 600, 'jpeg'), { w: '400', fm });

    expect(type).toBe(contentType);
    expect(metadata.format).toBe(decodedFormat);
    expect([metadata.width, metadata.height]).toEqual([400, 300]);
  });

  it.each(['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff'] as const)('reads %s sources', async (format) => {
    const { metadata } = await render(await solidImage(120, 80, format), { w: '60' });

    expect([metadata.width, metadata.height]).toEqual([60, 40]);
  });

  it('covers exactly the asked size, cropping the overflow', async () => {
    const { metadata } = await render(await solidImage(800, 600), { w: '200', h: '200' });

    expect([metadata.width, metadata.height]).toEqual([200, 200]);
  });

  it('fits inside the box, keeping the aspect ratio', async () => {
    const { metadata } = await render(await solidImage(800, 600), { w: '200', h: '200', fit: 'inside' });

    expect([metadata.width, metadata.height]).toEqual([200, 150]);
  });

  it('contains in the exact box, padding with transparency (or white in JPEG)', async () => {
    const png = await render(await solidImage(800, 400, 'png', '#000000'), {
      w: '200',
      h: '200',
      fit: 'contain',
      fm: 'png',
    });
    expect([png.metadata.width, png.metadata.height, png.metadata.hasAlpha]).toEqual([200, 200, true]);
    const corner = await sharp(png.bytes).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer();
    expect(corner[3]).toBe(0);

    const jpeg = await render(await solidImage(800, 400, 'png', '#000000'), {
      w: '200',
      h: '200',
      fit: 'contain',
      fm: 'jpeg',
    });
    const jpegCorner = await sharp(jpeg.bytes).extract({ left: 0, top: 0, width: 4, height: 4 }).raw().toBuffer();
    expect(Math.min(...jpegCorner)).toBeGreaterThan(240);
  });

  it('never enlarges a small source', async () => {
    const inside = await render(await solidImage(100, 50), { w: '400' });
    const cover = await render(await solidImage(100, 50), { w: '400', h: '400' });

    expect([inside.metadata.width, inside.metadata.height]).toEqual([100, 50]);
    expect([cover.metadata.width, cover.metadata.height]).toEqual([50, 50]);
  });

  it('crops around the focal point: the asset’s, or the one in the parameters', async () => {
    const source = await redLeftBlueRight(400, 200);

    const left = await render(source, { w: '100', h: '100' }, { focalPoint: { x: 0.1, y: 0.5 } });
    const right = await render(source, { w: '100', h: '100' }, { focalPoint: { x: 0.9, y: 0.5 } });
    const overridden = await render(
      source,
      { w: '100', h: '100', fx: '0.9', fy: '0.5' },
      { focalPoint: { x: 0.1, y: 0.5 } },
    );

    const [leftRed, , leftBlue] = await meanColour(left.bytes);
    const [rightRed, , rightBlue] = await meanColour(right.bytes);
    expect(leftRed).toBeGreaterThan(200);
    expect(leftBlue).toBeLessThan(50);
    expect(rightBlue).toBeGreaterThan(200);
    expect(rightRed).toBeLessThan(50);
    expect(await meanColour(overridden.bytes)).toEqual(await meanColour(right.bytes));
  });

  it('turns the image upright by its EXIF orientation and keeps no metadata', async () => {
    // 300 × 100 stored, Orientation 6: displayed 100 × 300.
    const { metadata, bytes } = await render(await photoWithExif(300, 100), { w: '1000', fm: 'jpeg' });

    expect([metadata.width, metadata.height]).toEqual([100, 300]);
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(metadata.icc).toBeUndefined();
    expect(bytes.includes('QuireCam')).toBe(false);
  });

  it('refuses a decompression bomb from its header, before decoding it', async () => {
    await expect(
      transformImage(streamOf(pngBomb(50_000, 50_000)), parseVariantQuery({ w: '100' }), { limits }),
    ).rejects.toThrow(ImageTooLargeError);
  });

  it('refuses an image past the configured pixel limit, naming the limit', async () => {
    const small: ImageLimits = { ...limits, maxInputPixels: 1_000_000 };

    const refusal = transformImage(streamOf(await solidImage(1200, 1000)), parseVariantQuery({ w: '100' }), {
      limits: small,
    });

    await expect(refusal).rejects.toThrow(ImageTooLargeError);
    await expect(refusal).rejects.toMatchObject({ status: 400, extensions: { maxPixels: 1_000_000 } });
  });

  it('refuses a source file past the byte limit without reading all of it', async () => {
    const source = await solidImage(400, 400, 'png');

    await expect(
      transformImage(streamOf(source), parseVariantQuery({ w: '100' }), { limits: { ...limits, maxInputBytes: 100 } }),
    ).rejects.toThrow(ImageFileTooLargeError);
  });

  it('refuses bytes that are not an image, and images it does not rasterise', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );

    await expect(
      transformImage(streamOf(Buffer.from('not an image at all')), parseVariantQuery({ w: '1' }), { limits }),
    ).rejects.toThrow(UnreadableImageError);
    await expect(transformImage(streamOf(Buffer.alloc(0)), parseVariantQuery({ w: '1' }), { limits })).rejects.toThrow(
      UnreadableImageError,
    );
    await expect(transformImage(streamOf(svg), parseVariantQuery({ w: '1' }), { limits })).rejects.toThrow(
      VariantSourceUnsupportedError,
    );
  });

  it('fails the output stream with a typed error when a truncated image breaks while decoding', async () => {
    const jpeg = await sharp({
      create: {
        width: 600,
        height: 600,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .jpeg()
      .toBuffer();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));

    const result = await transformImage(streamOf(truncated), parseVariantQuery({ w: '100' }), { limits });

    await expect(readAll(result.stream)).rejects.toThrow(UnreadableImageError);
  });
});
