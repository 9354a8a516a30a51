import { startS3Server, type S3TestServer } from '@quire/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { uuidv7 } from '@quire/core';
import { LocalDiskMediaStorage } from '../storage/local-disk-media-storage';
import { MediaObjectMissingError, type MediaStorage } from '../storage/media-storage';
import { S3MediaStorage } from '../storage/s3-media-storage';
import { DEFAULT_IMAGE_MAX_INPUT_BYTES } from './image-input';
import { VariantCache } from './variant-cache';
import { variantKeyPrefix } from './variant-descriptor';
import { parseVariantQuery } from './variant-params';
import { photoWithExif, readAll, streamOf } from './testing/generated-images';

const limits = { maxInputPixels: 60_000_000, maxInputBytes: DEFAULT_IMAGE_MAX_INPUT_BYTES };

describe.each([
  [
    'local disk',
    async () => {
      const root = await mkdtemp(join(tmpdir(), 'quire-variants-'));
      return {
        storage: new LocalDiskMediaStorage({ root }) as MediaStorage,
        close: () => rm(root, { recursive: true, force: true }),
      };
    },
  ],
  [
    'S3',
    async () => {
      const server: S3TestServer = await startS3Server();
      const storage = new S3MediaStorage({
        bucket: server.bucket,
        region: server.region,
        endpoint: server.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      });
      return {
        storage: storage as MediaStorage,
        close: async () => {
          storage.onModuleDestroy();
          await server.close();
        },
      };
    },
  ],
])(`${VariantCache.name} on %s`, (_name, start) => {
  let storage: MediaStorage;
  let close: () => Promise<void>;
  let sut: VariantCache;

  beforeAll(async () => {
    ({ storage, close } = await start());
    sut = new VariantCache(storage, limits);
  });
  afterAll(() => close());

  async function storedAsset() {
    const assetId = uuidv7();
    const key = `originals/ws/${assetId}`;
    await storage.put(key, streamOf(await photoWithExif(600, 400)), { contentType: 'image/jpeg' });
    return { assetId, key, checksum: 'c'.repeat(64), focalPoint: { x: 0.25, y: 0.5 } };
  }

  it('renders a variant on first request and stores it under its key', async () => {
    const source = await storedAsset();

    const descriptor = await sut.ensure(source, parseVariantQuery({ w: '120', h: '120', fm: 'avif' }));

    expect(descriptor.key.startsWith(variantKeyPrefix(source.assetId))).toBe(true);
    const bytes = await readAll(await storage.get(descriptor.key));
    const metadata = await sharp(bytes).metadata();
    expect([metadata.format, metadata.width, metadata.height, metadata.exif]).toEqual(['heif', 120, 120, undefined]);
  });

  it('finds a rendered variant again instead of rendering it twice, also when asked concurrently', async () => {
    const source = await storedAsset();
    const params = parseVariantQuery({ w: '200' });

    const [first, second] = await Promise.all([sut.ensure(source, params), sut.ensure(source, params)]);
    expect(second).toEqual(first);
    // With the original gone, only a cached variant can still be served.
    await storage.delete(source.key);
    expect(await sut.ensure(source, params)).toEqual(first);
    await expect(sut.ensure(source, parseVariantQuery({ w: '201' }))).rejects.toThrow(MediaObjectMissingError);
  });

  it('keeps every variant of an asset under its prefix, so deleting the prefix removes them all', async () => {
    const source = await storedAsset();
    const keys = [];
    for (const w of ['50', '60', '70']) keys.push((await sut.ensure(source, parseVariantQuery({ w }))).key);

    await storage.deletePrefix(variantKeyPrefix(source.assetId));

    for (const key of keys) expect(await storage.head(key)).toBeNull();
  });
});
