import { startS3Server, until, type S3TestServer } from '@quire/testing';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskMediaStorage } from './local-disk-media-storage';
import { MediaObjectMissingError, type MediaStorage } from './media-storage';
import { S3MediaStorage } from './s3-media-storage';
import { InvalidStorageKeyError } from './storage-key';

const MIB = 1024 * 1024;

/** One driver under test, with a probe of how many bytes have reached its store so far. */
interface DriverFixture {
  sut: MediaStorage;
  /** What `head` reports as the type of an object stored with `text/plain`. */
  storedContentType: string | null;
  bytesStoredSoFar(): Promise<number>;
  /** Writes that failed left nothing behind (temporary files, multipart uploads). */
  expectNoLeftovers(): Promise<void>;
  close(): Promise<void>;
}

async function localDriver(): Promise<DriverFixture> {
  const root = await mkdtemp(join(tmpdir(), 'quire-media-local-'));
  const incoming = join(root, '.incoming');
  const incomingFiles = async () => (existsSync(incoming) ? readdir(incoming) : []);
  return {
    sut: new LocalDiskMediaStorage({ root }),
    storedContentType: null,
    async bytesStoredSoFar() {
      const sizes = await Promise.all(
        (await incomingFiles()).map(async (name) => (await stat(join(incoming, name))).size),
      );
      return sizes.reduce((sum, size) => sum + size, 0);
    },
    async expectNoLeftovers() {
      expect(await incomingFiles()).toEqual([]);
    },
    close: () => rm(root, { recursive: true, force: true }),
  };
}

let s3Server: S3TestServer;
async function s3Driver(): Promise<DriverFixture> {
  s3Server = await startS3Server();
  const sut = new S3MediaStorage({
    bucket: s3Server.bucket,
    region: s3Server.region,
    endpoint: s3Server.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s3Server.accessKeyId, secretAccessKey: s3Server.secretAccessKey },
    partSizeBytes: 5 * MIB,
    // Small pages, so that deletePrefix goes through several list-and-delete rounds.
    listPageSize: 2,
  });
  return {
    sut,
    storedContentType: 'text/plain',
    bytesStoredSoFar: async () => s3Server.bytesReceived,
    async expectNoLeftovers() {
      // s3rver cannot abort multipart uploads (it answers 405); that the driver asked is what can be checked.
      const created = s3Server.requests.filter((r) => r.method === 'POST' && r.url.includes('?uploads'));
      if (created.length > 0) {
        await until(
          () => s3Server.requests.filter((r) => r.method === 'DELETE' && r.url.includes('uploadId=')).length >= 1,
          'the failed multipart upload was aborted',
        );
      }
    },
    async close() {
      sut.onModuleDestroy();
      await s3Server.close();
    },
  };
}

let keyCounter = 0;
/** A key of its own for each test, so that tests never see each other's objects. */
const uniqueKey = (name: string) => `ws-${process.pid}/${++keyCounter}/${name}`;

const text = (value: string) => Readable.from([Buffer.from(value)]);

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `count` chunks of 64 KiB with distinct contents; `beforeLast` runs before the last chunk is produced. */
function patternStream(count: number, options: { beforeLast?: () => Promise<void>; failAt?: number } = {}) {
  return Readable.from(
    (async function* () {
      for (let index = 0; index < count; index++) {
        if (index === options.failAt) throw new Error('the source broke');
        if (index === count - 1) await options.beforeLast?.();
        yield patternChunk(index);
      }
    })(),
  );
}

function patternChunk(index: number): Buffer {
  const chunk = Buffer.alloc(64 * 1024);
  for (let offset = 0; offset < chunk.length; offset += 4)
    chunk.writeUInt32BE((index * 16384 + offset / 4) >>> 0, offset);
  return chunk;
}

function sha256Of(count: number): string {
  const hash = createHash('sha256');
  for (let index = 0; index < count; index++) hash.update(patternChunk(index));
  return hash.digest('hex');
}

describe.each([
  ['LocalDiskMediaStorage', localDriver],
  ['S3MediaStorage', s3Driver],
])('%s (MediaStorage contract)', (_name, start) => {
  let driver: DriverFixture;
  let sut: MediaStorage;

  beforeAll(async () => {
    driver = await start();
    sut = driver.sut;
  });
  afterAll(() => driver.close());

  it('stores, reads and describes an object', async () => {
    const key = uniqueKey('original.txt');
    await sut.put(key, text('hello media'), { contentType: 'text/plain', size: 11 });

    expect((await readAll(await sut.get(key))).toString()).toBe('hello media');
    expect(await sut.head(key)).toEqual({ size: 11, contentType: driver.storedContentType });
  });

  it('replaces an object put again under the same key', async () => {
    const key = uniqueKey('replaced.txt');
    await sut.put(key, text('first version'), { contentType: 'text/plain' });
    await sut.put(key, text('second'), { contentType: 'text/plain' });

    expect((await readAll(await sut.get(key))).toString()).toBe('second');
  });

  it('reads byte ranges, clamping the end to the object and refusing a start past it', async () => {
    const key = uniqueKey('range.txt');
    await sut.put(key, text('0123456789'), { contentType: 'text/plain' });

    expect((await readAll(await sut.get(key, { start: 2, end: 4 }))).toString()).toBe('234');
    expect((await readAll(await sut.get(key, { start: 7, end: 100 }))).toString()).toBe('789');
    await expect(sut.get(key, { start: 10, end: 20 })).rejects.toThrow(RangeError);
    await expect(sut.get(key, { start: 5, end: 4 })).rejects.toThrow(RangeError);
    await expect(sut.get(key, { start: -1, end: 4 })).rejects.toThrow(RangeError);
  });

  it('answers a missing object: get throws MediaObjectMissingError, head is null, delete is a no-op', async () => {
    const key = uniqueKey('never-stored.bin');

    await expect(sut.get(key)).rejects.toThrow(MediaObjectMissingError);
    await expect(sut.get(key, { start: 0, end: 1 })).rejects.toThrow(MediaObjectMissingError);
    expect(await sut.head(key)).toBeNull();
    await expect(sut.delete(key)).resolves.toBeUndefined();
  });

  it('deletes an object', async () => {
    const key = uniqueKey('deleted.txt');
    await sut.put(key, text('bye'), { contentType: 'text/plain' });

    await sut.delete(key);

    expect(await sut.head(key)).toBeNull();
    await expect(sut.get(key)).rejects.toThrow(MediaObjectMissingError);
  });

  it('deletes every object under a prefix and nothing else', async () => {
    const base = uniqueKey('variants');
    const keys = {
      asset1: [`${base}/a1/x.webp`, `${base}/a1/y.avif`, `${base}/a1/z.png`, `${base}/a1/nested/w.jpg`],
      asset10: [`${base}/a10/x.webp`],
      asset2: [`${base}/a2/x.webp`, `${base}/a2/y.webp`],
    };
    for (const key of Object.values(keys).flat()) await sut.put(key, text(key), { contentType: 'text/plain' });

    await sut.deletePrefix(`${base}/a1/`);
    for (const key of keys.asset1) expect(await sut.head(key)).toBeNull();
    for (const key of [...keys.asset10, ...keys.asset2]) expect(await sut.head(key)).not.toBeNull();

    await sut.deletePrefix(`${base}/a`);
    for (const key of [...keys.asset10, ...keys.asset2]) expect(await sut.head(key)).toBeNull();
    await expect(sut.deletePrefix(`${base}/nothing-here/`)).resolves.toBeUndefined();
  });

  it('stores nothing when the source fails before its end', async () => {
    const key = uniqueKey('failed-small.bin');

    await expect(
      sut.put(key, patternStream(10, { failAt: 5 }), { contentType: 'application/octet-stream' }),
    ).rejects.toThrow('the source broke');

    expect(await sut.head(key)).toBeNull();
    await driver.expectNoLeftovers();
  });

  it('stores nothing when the source fails after several parts went up', async () => {
    const key = uniqueKey('failed-large.bin');

    // 12 MiB before the failure: more than two 5 MiB parts of a multipart upload.
    await expect(
      sut.put(key, patternStream(240, { failAt: 192 }), { contentType: 'application/octet-stream' }),
    ).rejects.toThrow('the source broke');

    expect(await sut.head(key)).toBeNull();
    await driver.expectNoLeftovers();
  });

  it('stores nothing when the source is destroyed without an error (an aborted request)', async () => {
    const key = uniqueKey('aborted.bin');
    const source = new Readable({ read() {} });
    source.push(Buffer.alloc(1024, 1));
    setTimeout(() => source.destroy(), 50);

    await expect(sut.put(key, source, { contentType: 'application/octet-stream' })).rejects.toThrow();

    expect(await sut.head(key)).toBeNull();
    await driver.expectNoLeftovers();
  });

  it('stores nothing when the stream is shorter or longer than the announced size', async () => {
    const short = uniqueKey('short.txt');
    const long = uniqueKey('long.txt');

    await expect(sut.put(short, text('abc'), { contentType: 'text/plain', size: 4 })).rejects.toThrow(/ended after 3/);
    await expect(sut.put(long, text('abcde'), { contentType: 'text/plain', size: 4 })).rejects.toThrow(/longer than/);

    expect(await sut.head(short)).toBeNull();
    expect(await sut.head(long)).toBeNull();
  });

  it('streams a 50 MiB upload: bytes reach the store before the source ends, and come back intact', async () => {
    const key = uniqueKey('big.bin');
    const chunks = 800; // × 64 KiB = 50 MiB
    const source = patternStream(chunks, {
      // A driver that buffered the whole file would send nothing before the end: this would time out.
      beforeLast: () =>
        until(async () => (await driver.bytesStoredSoFar()) >= 8 * MIB, '8 MiB reached the store before the end'),
    });

    await sut.put(key, source, { contentType: 'application/octet-stream' });

    expect(await sut.head(key)).toMatchObject({ size: chunks * 64 * 1024 });
    const hash = createHash('sha256');
    for await (const chunk of await sut.get(key)) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(sha256Of(chunks));
  });

  it.each([
    '../escape.txt',
    'a/../../escape.txt',
    '/etc/passwd',
    'a\\..\\escape.txt',
    'a/\u0000b',
    '',
    'a//b',
    'a/./b',
    '.incoming/x',
    'a/',
  ])('refuses the key %j in every operation', async (key) => {
    await expect(sut.put(key, text('x'), { contentType: 'text/plain' })).rejects.toThrow(InvalidStorageKeyError);
    await expect(sut.get(key)).rejects.toThrow(InvalidStorageKeyError);
    await expect(sut.head(key)).rejects.toThrow(InvalidStorageKeyError);
    await expect(sut.delete(key)).rejects.toThrow(InvalidStorageKeyError);
    await expect(
      sut.presignedGetUrl(key, { expiresInSeconds: 60, contentType: 'text/plain', fileName: 'x.txt' }),
    ).rejects.toThrow(InvalidStorageKeyError);
  });

  it('refuses an empty or escaping prefix', async () => {
    for (const prefix of ['', '/', '../', 'a/../../']) {
      await expect(sut.deletePrefix(prefix)).rejects.toThrow(InvalidStorageKeyError);
    }
  });
});

describe(LocalDiskMediaStorage.name, () => {
  let root: string;
  let sut: LocalDiskMediaStorage;

  beforeEach(async () => {
    root = join(await mkdtemp(join(tmpdir(), 'quire-media-root-')), 'media');
    sut = new LocalDiskMediaStorage({ root });
  });
  afterEach(() => rm(join(root, '..'), { recursive: true, force: true }));

  it('creates its root on the first write and keeps objects as files under it', async () => {
    await sut.put('ws/asset/original.txt', text('on disk'), { contentType: 'text/plain' });

    expect((await stat(join(root, 'ws/asset/original.txt'))).size).toBe(7);
  });

  it('never writes outside its root, whatever the key', async () => {
    await expect(sut.put('../outside.txt', text('x'), { contentType: 'text/plain' })).rejects.toThrow(
      InvalidStorageKeyError,
    );

    expect(existsSync(join(root, '..', 'outside.txt'))).toBe(false);
  });

  it('has no presigned URLs: the API serves local objects', async () => {
    await sut.put('ws/a.txt', text('x'), { contentType: 'text/plain' });

    expect(
      await sut.presignedGetUrl('ws/a.txt', { expiresInSeconds: 60, contentType: 'text/plain', fileName: 'a.txt' }),
    ).toBeNull();
  });
});

describe(S3MediaStorage.name, () => {
  let server: S3TestServer;
  let sut: S3MediaStorage;
  const connect = (keyPrefix?: string) =>
    new S3MediaStorage({
      bucket: server.bucket,
      region: server.region,
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      keyPrefix,
    });

  beforeAll(async () => {
    server = await startS3Server();
    sut = connect();
  });
  afterAll(async () => {
    sut.onModuleDestroy();
    await server.close();
  });

  it('presigns a GET that serves the object with the asked type and an attachment disposition', async () => {
    await sut.put('ws/asset/original', text('presigned body'), { contentType: 'application/octet-stream' });

    const url = await sut.presignedGetUrl('ws/asset/original', {
      expiresInSeconds: 60,
      contentType: 'text/markdown',
      fileName: 'Résumé "draft".md',
    });
    const response = await fetch(url);

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('presigned body');
    expect(response.headers.get('content-type')).toBe('text/markdown');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="R_sum_ _draft_.md"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22draft%22.md`,
    );
  });

  it('presigns inline when asked, with the lifetime asked', async () => {
    await sut.put('ws/asset/image', text('pixels'), { contentType: 'image/png' });
    const url = await sut.presignedGetUrl('ws/asset/image', {
      expiresInSeconds: 60,
      contentType: 'image/png',
      fileName: 'a.png',
      disposition: 'inline',
    });

    const response = await fetch(url);
    expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="a.png"/);
    // s3rver does not check V4 signatures; that the URL is signed and short-lived is what can be checked here.
    const query = new URL(url).searchParams;
    expect(query.get('X-Amz-Expires')).toBe('60');
    expect(query.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses presigned lifetimes S3 would refuse', async () => {
    for (const expiresInSeconds of [0, 1.5, 7 * 24 * 3600 + 1]) {
      await expect(
        sut.presignedGetUrl('ws/a', { expiresInSeconds, contentType: 'text/plain', fileName: 'a' }),
      ).rejects.toThrow(RangeError);
    }
  });

  it('keeps every key under its key prefix, so installations can share a bucket', async () => {
    const prefixed = connect('installation-a/');
    try {
      await prefixed.put('ws/asset/original', text('mine'), { contentType: 'text/plain' });

      expect(await sut.head('installation-a/ws/asset/original')).toMatchObject({ size: 4 });
      expect(await prefixed.head('ws/asset/original')).toMatchObject({ size: 4 });
      await prefixed.deletePrefix('ws/');
      expect(await sut.head('installation-a/ws/asset/original')).toBeNull();
    } finally {
      prefixed.onModuleDestroy();
    }
  });

  it('sends DeleteObjects with Content-MD5, which S3-compatible services other than AWS require', async () => {
    await sut.put('md5/a', text('a'), { contentType: 'text/plain' });
    await sut.deletePrefix('md5/');

    await until(() => server.requests.some((r) => r.method === 'POST' && r.url.includes('?delete')), 'DeleteObjects');
    const request = server.requests.find((r) => r.method === 'POST' && r.url.includes('?delete'))!;
    expect(request.headers['content-md5']).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(Object.keys(request.headers).filter((name) => name.startsWith('x-amz-checksum-'))).toEqual([]);
  });

  it('reports a missing bucket as an error, not as a missing object', async () => {
    const wrong = new S3MediaStorage({
      bucket: 'no-such-bucket',
      region: server.region,
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    });
    try {
      await expect(wrong.put('ws/a', text('x'), { contentType: 'text/plain' })).rejects.toThrow(/bucket/i);
      await expect(wrong.get('ws/a')).rejects.toMatchObject({ name: 'NoSuchBucket' });
    } finally {
      wrong.onModuleDestroy();
    }
  });
});
