import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import { ImageTooLargeError, UnreadableImageError } from '../media.errors';
import { DEFAULT_IMAGE_MAX_INPUT_BYTES, type ImageLimits } from './image-input';
import { ImageMetadataStripper, stripImageMetadata } from './image-metadata';
import { ImageFileTooLargeError } from './variant.errors';
import { photoWithExif, pngBomb, readAll, solidImage, streamOf } from './testing/generated-images';

const limits: ImageLimits = { maxInputPixels: 60_000_000, maxInputBytes: DEFAULT_IMAGE_MAX_INPUT_BYTES };

async function strip(source: Buffer, keepMetadata = false) {
  const result = await stripImageMetadata(streamOf(source), { keepMetadata, limits });
  const bytes = await readAll(result.stream);
  return { ...result, bytes, metadata: await sharp(bytes).metadata() };
}

describe(stripImageMetadata.name, () => {
  it('removes EXIF with GPS from a JPEG, turning it upright first', async () => {
    const photo = await photoWithExif(300, 100, 'jpeg', 6);
    const before = await sharp(photo).metadata();
    expect(before.exif?.toString('latin1')).toContain('QuireCam');
    expect(before.orientation).toBe(6);

    const result = await strip(photo);

    expect(result.stripped).toBe(true);
    expect(result.hadMetadata).toBe(true);
    expect(result.metadata.exif).toBeUndefined();
    expect(result.metadata.xmp).toBeUndefined();
    expect(result.metadata.iptc).toBeUndefined();
    expect(result.metadata.orientation).toBeUndefined();
    // Upright: 300 × 100 stored with Orientation 6 is shown 100 × 300, and is now stored that way.
    expect([result.metadata.width, result.metadata.height]).toEqual([100, 300]);
    expect([result.width, result.height]).toEqual([100, 300]);
    expect(result.metadata.format).toBe('jpeg');
    expect(result.contentType).toBe('image/jpeg');
    expect(result.size).toBe(result.bytes.length);
    for (const personal of ['QuireCam', 'Ada Lovelace', 'SN-123456'])
      expect(result.bytes.includes(personal)).toBe(false);
  });

  it.each(['png', 'webp'] as const)('removes EXIF from %s', async (format) => {
    const result = await strip(await photoWithExif(40, 20, format, 1));

    expect(result.stripped).toBe(true);
    expect(result.metadata.exif).toBeUndefined();
    expect(result.metadata.format).toBe(format);
    expect([result.metadata.width, result.metadata.height]).toEqual([40, 20]);
    expect(result.bytes.includes('QuireCam')).toBe(false);
  });

  it('keeps the colour profile, which is not personal data', async () => {
    const photo = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#3498db' } })
      .jpeg()
      .withIccProfile('p3')
      .withExifMerge({ IFD0: { Make: 'QuireCam' } })
      .toBuffer();

    const result = await strip(photo);

    expect(result.metadata.exif).toBeUndefined();
    expect(result.metadata.icc).toBeDefined();
  });

  it('passes an image without metadata byte for byte', async () => {
    const plain = await solidImage(50, 40, 'jpeg');

    const result = await strip(plain);

    expect(result.stripped).toBe(false);
    expect(result.hadMetadata).toBe(false);
    expect(result.bytes.equals(plain)).toBe(true);
    expect([result.width, result.height]).toEqual([50, 40]);
  });

  it('passes everything byte for byte when the workspace keeps metadata', async () => {
    const photo = await photoWithExif(300, 100);

    const result = await strip(photo, true);

    expect(result.stripped).toBe(false);
    expect(result.hadMetadata).toBe(true);
    expect(result.bytes.equals(photo)).toBe(true);
    expect(result.metadata.exif?.toString('latin1')).toContain('QuireCam');
    expect([result.width, result.height]).toEqual([100, 300]);
  });

  it('refuses a decompression bomb from its header, even when metadata is kept', async () => {
    for (const keepMetadata of [false, true]) {
      await expect(stripImageMetadata(streamOf(pngBomb(40_000, 40_000)), { keepMetadata, limits })).rejects.toThrow(
        ImageTooLargeError,
      );
    }
  });

  it('refuses what is not an image, and a file past the byte limit', async () => {
    await expect(
      stripImageMetadata(streamOf(Buffer.from('plain text')), { keepMetadata: false, limits }),
    ).rejects.toThrow(UnreadableImageError);
    await expect(
      stripImageMetadata(streamOf(await photoWithExif(300, 100)), {
        keepMetadata: false,
        limits: { ...limits, maxInputBytes: 64 },
      }),
    ).rejects.toThrow(ImageFileTooLargeError);
  });
});

describe(ImageMetadataStripper.name, () => {
  it('strips as a pipeline stage, and says what it stored', async () => {
    const sut = new ImageMetadataStripper({ keepMetadata: false, limits });
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];

    await pipeline(
      streamOf(await photoWithExif(300, 100)),
      sut,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          chunks.push(chunk);
          done();
        },
      }),
    );

    const stored = Buffer.concat(chunks);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(sut.facts).toMatchObject({ format: 'jpeg', width: 100, height: 300, stripped: true, hadMetadata: true });
  });

  it('fails the pipeline with a typed error as soon as the file passes the byte limit', async () => {
    const sut = new ImageMetadataStripper({ keepMetadata: false, limits: { ...limits, maxInputBytes: 1000 } });

    await expect(
      pipeline(
        streamOf(await solidImage(500, 500, 'png', '#123456').then((b) => Buffer.concat([b, Buffer.alloc(2000)]))),
        sut,
        new Writable({ write: (_c, _e, done) => done() }),
      ),
    ).rejects.toThrow(ImageFileTooLargeError);
    expect(sut.facts).toBeNull();
  });

  it('fails the pipeline with the bomb refusal', async () => {
    const sut = new ImageMetadataStripper({ keepMetadata: false, limits });

    await expect(
      pipeline(streamOf(pngBomb(40_000, 40_000)), sut, new Writable({ write: (_c, _e, done) => done() })),
    ).rejects.toThrow(ImageTooLargeError);
  });
});
