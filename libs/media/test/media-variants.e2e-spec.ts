import { Readable } from 'node:stream';
import sharp from 'sharp';
import { MediaStorage } from '@quire/media';
import { UrlSigner } from '../src/serving/url-signer';
import { parseVariantQuery } from '../src/variants/variant-params';
import { VariantSigner } from '../src/variants/variant-signer';
import { photoWithExif, pngBomb, redLeftBlueRight } from '../src/variants/testing/generated-images';
import { pdf, png } from './media-files';
import {
  binary,
  bearer,
  createMediaTestApp,
  mediaPath,
  newWorkspace,
  signUp,
  type Account,
  type MediaTestApp,
  type Workspace,
} from './media-support';

const SECURITY = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
};

describe.each(['local', 's3'] as const)('Media variants (%s storage)', (driver) => {
  let media: MediaTestApp;
  let owner: Account;
  let w: Workspace;
  let seed = 7000;

  beforeAll(async () => {
    media = await createMediaTestApp(driver, { PUBLIC_URL: 'https://cms.example.com' });
    owner = await signUp(media.sut);
    w = await newWorkspace(media.sut, owner);
  });
  afterAll(() => media?.close());

  const http = () => media.sut.http;
  const get = (path: string) => http().get(path).buffer(true).parse(binary);
  async function upload(file: Buffer, name: string, fields: Record<string, string> = {}) {
    let request = http().post(mediaPath(w)).set(bearer(owner));
    for (const [key, value] of Object.entries(fields)) request = request.field(key, value);
    return (await request.attach('file', file, name).expect(201)).body as { id: string };
  }
  const variants = (assetId: string, rest: string) => `/api/v1/delivery/${w.id}/media/${assetId}/variants/${rest}`;
  /** `custom?…&s=…`: the parameters signed as the API signs them. */
  const signed = (assetId: string, query: Record<string, string>) =>
    `custom?${media.sut.app.get(VariantSigner).signedQuery(assetId, parseVariantQuery(query))}`;
  const variantKeys = async (assetId: string) =>
    (await media.storedKeys()).filter((key) => key.startsWith(`variants/${assetId}/`) && !key.includes('.tmp'));

  it('renders a preset on first request, stores it, then serves the stored bytes with ETag and 304', async () => {
    const asset = await upload(await png(800, 600, seed++), 'photo.png');
    expect(await variantKeys(asset.id)).toEqual([]);
    const first = await get(variants(asset.id, 'thumbnail')).expect(200);
    expect(first.headers).toMatchObject({
      ...SECURITY,
      'content-type': 'image/webp',
      'cache-control': 'public, max-age=3600, stale-while-revalidate=60',
      'cross-origin-resource-policy': 'cross-origin',
    });
    const meta = await sharp(first.body as Buffer).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
      format: 'webp',
      width: 200,
      height: 200,
    });
    const keys = await variantKeys(asset.id);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(new RegExp(`^variants/${asset.id}/[0-9a-f]{32}\\.webp$`));

    const second = await get(variants(asset.id, 'thumbnail')).expect(200);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(Buffer.compare(second.body as Buffer, first.body as Buffer)).toBe(0);
    expect(await variantKeys(asset.id)).toEqual(keys);
    const notModified = await http().get(variants(asset.id, 'thumbnail')).set('If-None-Match', first.headers.etag);
    expect(notModified.status).toBe(304);
    expect(notModified.headers).toMatchObject({ ...SECURITY, etag: first.headers.etag });

    // The current version in the URL makes it cacheable for a year.
    const version = first.headers.etag.slice(1, 17);
    const versioned = await get(variants(asset.id, `thumbnail?v=${version}`)).expect(200);
    expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    // The asset's response hands out those versioned URLs, one per preset of the installation.
    const listed = await http()
      .get(mediaPath(w, `/${asset.id}`))
      .set(bearer(owner))
      .expect(200);
    expect(Object.keys(listed.body.variants).sort()).toEqual(['large', 'medium', 'small', 'social', 'thumbnail']);
    expect(listed.body.variants.thumbnail).toBe(
      `https://cms.example.com${variants(asset.id, `thumbnail?v=${version}`)}`,
    );
  });

  it('lists no variant URLs for private assets and files that are not raster images', async () => {
    const hidden = await http()
      .post(mediaPath(w))
      .set(bearer(owner))
      .field('visibility', 'private')
      .attach('file', await png(40, 40, seed++), 'hidden.png')
      .expect(201);
    expect(hidden.body.variants).toBeNull();
    const document = await http().post(mediaPath(w)).set(bearer(owner)).attach('file', pdf('no variants'), 'x.pdf');
    expect(document.body.variants).toBeNull();
  });

  it('renders signed custom parameters: size, format, and a crop around the focal point', async () => {
    const asset = await upload(await redLeftBlueRight(400, 200), 'halves.png');
    const path = variants(asset.id, signed(asset.id, { w: '100', h: '100', fm: 'png' }));
    const centre = await get(path).expect(200);
    const meta = await sharp(centre.body as Buffer).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
      format: 'png',
      width: 100,
      height: 100,
    });
    // Focal point on the right half: the square crop is all blue; the centre crop is half red, half blue.
    const right = await get(
      variants(asset.id, signed(asset.id, { w: '100', h: '100', fm: 'png', fx: '0.9', fy: '0.5' })),
    ).expect(200);
    const pixel = async (bytes: Buffer, x: number) => {
      const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
      const at = (50 * info.width + x) * info.channels;
      return [data[at], data[at + 1], data[at + 2]];
    };
    expect(await pixel(centre.body as Buffer, 5)).toEqual([255, 0, 0]);
    expect(await pixel(right.body as Buffer, 5)).toEqual([0, 0, 255]);
    expect(right.headers.etag).not.toBe(centre.headers.etag);
    expect(await variantKeys(asset.id)).toHaveLength(2);

    // Another spelling of the same parameters is the same variant.
    const respelled = await get(`${path.replace('fit=cover&', '')}&fit=cover`).expect(200);
    expect(respelled.headers.etag).toBe(centre.headers.etag);
  });

  it('refuses unlisted, malformed or out-of-range parameters (400), unsigned ones (403), unknown presets (404)', async () => {
    const asset = await upload(await png(64, 64, seed++), 'p.png');
    const invalid = async (rest: string, paths: string[]) => {
      const response = await http().get(variants(asset.id, rest));
      expect(response.body).toMatchObject({ status: 400, type: 'urn:quire:problem:media.variant-parameters-invalid' });
      expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(paths);
    };
    await invalid('thumbnail?w=10', ['w']);
    await invalid('custom?w=5000&s=AAAAAAAAAAAAAAAAAAAAAA', ['w']);
    await invalid('custom?w=100&blur=3&s=AAAAAAAAAAAAAAAAAAAAAA', ['blur']);
    await invalid('custom?w=100&fm=png&q=80&s=AAAAAAAAAAAAAAAAAAAAAA', ['q']);
    await invalid('custom?w=1e3&s=AAAAAAAAAAAAAAAAAAAAAA', ['w']);
    await invalid('custom?w=100&w=200&s=AAAAAAAAAAAAAAAAAAAAAA', ['w']);

    const forged = await http().get(variants(asset.id, 'custom?w=100&s=AAAAAAAAAAAAAAAAAAAAAA'));
    expect(forged.body).toMatchObject({ status: 403, type: 'urn:quire:problem:media.variant-signature-invalid' });
    await http().get(variants(asset.id, 'custom?w=100')).expect(403);
    // A signature is good for its parameters and its asset only.
    const other = await upload(await png(64, 64, seed++), 'o.png');
    await http()
      .get(variants(asset.id, signed(other.id, { w: '100' })))
      .expect(403);
    await http()
      .get(variants(asset.id, signed(asset.id, { w: '100' }).replace('w=100', 'w=101')))
      .expect(403);

    const unknown = await http().get(variants(asset.id, 'poster'));
    expect(unknown.body).toMatchObject({ status: 404, type: 'urn:quire:problem:media.variant-preset-not-found' });
    expect(unknown.body.presets).toEqual(expect.arrayContaining(['thumbnail', 'social']));
    const notImage = await upload(pdf('variants'), 'doc.pdf');
    const unsupported = await http().get(variants(notImage.id, 'thumbnail'));
    expect(unsupported.body).toMatchObject({ status: 400, type: 'urn:quire:problem:media.variant-source-unsupported' });
    expect(await variantKeys(asset.id)).toEqual([]);
    expect(await variantKeys(notImage.id)).toEqual([]);
  });

  it("serves a private asset's variants only with its signed URL or to readers", async () => {
    const asset = await upload(await png(300, 300, seed++), 'private.png', { visibility: 'private' });
    const path = variants(asset.id, 'small');
    expect((await http().get(path)).body).toMatchObject({
      status: 404,
      type: 'urn:quire:problem:media.asset-not-found',
    });
    const minted = await http()
      .post(mediaPath(w, `/${asset.id}/signed-url`))
      .set(bearer(owner))
      .send({ expiresInSeconds: 60 })
      .expect(200);
    const access = new URL(minted.body.url).search.slice(1);
    const ok = await get(`${path}?${access}`).expect(200);
    expect(ok.headers['cache-control']).toMatch(/^private, max-age=(5\d|60)$/);
    expect((await sharp(ok.body as Buffer).metadata()).width).toBe(300);
    // With custom parameters too: both signatures, each for its own purpose.
    await get(`${variants(asset.id, signed(asset.id, { w: '50' }))}&${access}`).expect(200);
    await http()
      .get(`${path}?${access.replace(/signature=[^&]+/, 'signature=' + 'A'.repeat(43))}`)
      .expect(404);
    const past = Math.floor(Date.now() / 1000) - 10;
    const expired = media.sut.app.get(UrlSigner).sign(w.id, asset.id, past);
    const late = await http().get(`${path}?expires=${past}&signature=${expired}`);
    expect(late.body).toMatchObject({ status: 403, type: 'urn:quire:problem:media.signed-url-expired' });
    const member = await get(path).set(bearer(owner)).expect(200);
    expect(member.headers['cache-control']).toBe('private, no-cache');
  });

  it('strips EXIF and GPS from variants even when the workspace keeps them on originals', async () => {
    await http()
      .put(`/api/v1/workspaces/${w.slug}/settings/media`)
      .set(bearer(owner))
      .send({ keepImageMetadata: true })
      .expect(200);
    try {
      const asset = await upload(await photoWithExif(320, 240), 'camera.jpg');
      const original = await get(`/api/v1/delivery/${w.id}/media/${asset.id}/original/camera.jpg`).expect(200);
      expect((await sharp(original.body as Buffer).metadata()).exif).toBeDefined();
      const variant = await get(variants(asset.id, 'social')).expect(200);
      const meta = await sharp(variant.body as Buffer).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.icc).toBeUndefined();
    } finally {
      await http().put(`/api/v1/workspaces/${w.slug}/settings/media`).set(bearer(owner)).send({}).expect(200);
    }
  });

  it('refuses a decompression bomb from its header, caching nothing', async () => {
    const asset = await upload(await png(20, 20, seed++), 'bomb.png');
    // The upload refuses bombs; put one behind an asset directly, as a file replaced in storage would be.
    const [{ storage_key: key }] = await media.sut.dataSource.query(
      'SELECT storage_key FROM media_assets WHERE id = $1',
      [asset.id],
    );
    await media.sut.app
      .get(MediaStorage)
      .put(key, Readable.from([pngBomb(30000, 30000)]), { contentType: 'image/png' });
    const response = await http().get(variants(asset.id, 'medium'));
    expect(response.body).toMatchObject({ status: 400, type: 'urn:quire:problem:media.image-too-large' });
    expect(await variantKeys(asset.id)).toEqual([]);
  });

  it("answers 404 for a deleted asset's variants and removes them from storage", async () => {
    const asset = await upload(await png(100, 100, seed++), 'gone.png');
    await get(variants(asset.id, 'thumbnail')).expect(200);
    await get(variants(asset.id, signed(asset.id, { w: '40' }))).expect(200);
    expect(await variantKeys(asset.id)).toHaveLength(2);
    await http()
      .delete(mediaPath(w, `/${asset.id}`))
      .set(bearer(owner))
      .expect(204);
    expect(await variantKeys(asset.id)).toEqual([]);
    for (const rest of ['thumbnail', signed(asset.id, { w: '40' })]) {
      expect((await http().get(variants(asset.id, rest))).body).toMatchObject({
        status: 404,
        type: 'urn:quire:problem:media.asset-not-found',
      });
    }
    expect(await variantKeys(asset.id)).toEqual([]);
  });

  it('checks variant presets in the media settings (400 naming the field), and serves saved ones', async () => {
    const put = (body: object) =>
      http().put(`/api/v1/workspaces/${w.slug}/settings/media`).set(bearer(owner)).send(body);
    const refused = await put({
      variantPresets: [
        { name: 'hero', width: 300, format: 'png', quality: 80 },
        { name: 'hero', width: 10 },
        { name: 'custom', width: 10 },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'variantPresets[0].quality',
      'variantPresets[1].name',
      'variantPresets[2].name',
    ]);
    expect((await put({ variantPresets: [{ name: 'hero', width: 5000 }] })).status).toBe(400);
    await put({ variantPresets: [{ name: 'hero', width: 120, height: 60, format: 'avif' }] }).expect(200);
    try {
      const asset = await upload(await png(600, 600, seed++), 'hero.png');
      const hero = await get(variants(asset.id, 'hero')).expect(200);
      const meta = await sharp(hero.body as Buffer).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
        format: 'heif',
        width: 120,
        height: 60,
      });
    } finally {
      await put({}).expect(200);
    }
  });
});
