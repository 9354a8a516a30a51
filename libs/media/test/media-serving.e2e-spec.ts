import { Readable } from 'node:stream';
import { MediaStorage } from '@quire/media';
import { UrlSigner } from '../src/serving/url-signer';
import {
  binary,
  bearer,
  createMediaTestApp,
  eventsOf,
  mediaPath,
  newWorkspace,
  signUp,
  type Account,
  type MediaTestApp,
  type Workspace,
} from './media-support';
import { pdf, png, svg } from './media-files';

const SECURITY = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
};

describe.each(['local', 's3'] as const)('Media serving (%s storage)', (driver) => {
  let media: MediaTestApp;
  let owner: Account;
  let w: Workspace;
  let seed = 5000;

  beforeAll(async () => {
    media = await createMediaTestApp(driver, { PUBLIC_URL: 'https://cms.example.com' });
    owner = await signUp(media.sut);
    w = await newWorkspace(media.sut, owner);
  });
  afterAll(() => media?.close());

  const http = () => media.sut.http;
  async function upload(file: Buffer, name: string, fields: Record<string, string> = {}) {
    let request = http().post(mediaPath(w)).set(bearer(owner));
    for (const [key, value] of Object.entries(fields)) request = request.field(key, value);
    return (await request.attach('file', file, name).expect(201)).body as {
      id: string;
      checksum: string;
      size: number;
      url: string | null;
      fileUrl: string;
    };
  }
  /** The path of an absolute URL the API answered (its origin is PUBLIC_URL, not the test server). */
  const pathOf = (url: string) => url.replace('https://cms.example.com', '');
  const get = (path: string) => http().get(path).buffer(true).parse(binary);

  it('serves the original to members with ETag, nosniff, a sandboxing CSP and a long cache', async () => {
    const file = await png(30, 20, seed++);
    const asset = await upload(file, 'Café photo.png');
    expect(asset.fileUrl).toBe(`https://cms.example.com/api/v1/workspaces/${w.id}/media/${asset.id}/file`);
    const response = await get(pathOf(asset.fileUrl)).set(bearer(owner)).expect(200);
    expect(Buffer.compare(response.body as Buffer, file)).toBe(0);
    expect(response.headers).toMatchObject({
      ...SECURITY,
      'content-type': 'image/png',
      'content-length': String(file.length),
      etag: `"${asset.checksum}"`,
      'cache-control': 'private, max-age=31536000, immutable',
      'accept-ranges': 'bytes',
      'content-disposition': `inline; filename="Caf_ photo.png"; filename*=UTF-8''Caf%C3%A9%20photo.png`,
    });
    const notModified = await http()
      .get(pathOf(asset.fileUrl))
      .set(bearer(owner))
      .set('If-None-Match', `"${asset.checksum}"`);
    expect(notModified.status).toBe(304);
    expect(notModified.headers).toMatchObject({ ...SECURITY, etag: `"${asset.checksum}"` });
    const head = await http().head(pathOf(asset.fileUrl)).set(bearer(owner)).expect(200);
    expect(head.headers['content-length']).toBe(String(file.length));
    await http().get(pathOf(asset.fileUrl)).expect(401);
  });

  it('answers byte ranges with 206, and 416 past the end', async () => {
    const file = pdf('ranges');
    const asset = await upload(file, 'ranges.pdf');
    const path = pathOf(asset.fileUrl);
    const first = await get(path).set(bearer(owner)).set('Range', 'bytes=0-9').expect(206);
    expect(first.headers).toMatchObject({
      'content-range': `bytes 0-9/${file.length}`,
      'content-length': '10',
      ...SECURITY,
    });
    expect((first.body as Buffer).toString('latin1')).toBe(file.subarray(0, 10).toString('latin1'));
    const suffix = await get(path).set(bearer(owner)).set('Range', 'bytes=-6').expect(206);
    expect((suffix.body as Buffer).toString('latin1')).toBe(file.subarray(file.length - 6).toString('latin1'));
    const open = await get(path)
      .set(bearer(owner))
      .set('Range', `bytes=${file.length - 3}-`)
      .expect(206);
    expect(open.headers['content-range']).toBe(`bytes ${file.length - 3}-${file.length - 1}/${file.length}`);
    const past = await http().get(path).set(bearer(owner)).set('Range', `bytes=${file.length}-`);
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${file.length}`);
    expect(past.body.type).toBe('urn:quire:problem:media.range-not-satisfiable');
    // Another version named by If-Range: the whole file.
    await get(path).set(bearer(owner)).set('Range', 'bytes=0-9').set('If-Range', '"other"').expect(200);
    // Several ranges, or a malformed header: the whole file (the server may ignore them).
    await get(path).set(bearer(owner)).set('Range', 'bytes=0-1,4-5').expect(200);
    await get(path).set(bearer(owner)).set('Range', 'pages=1').expect(200);
  });

  it('serves SVG, PDF and documents as attachments', async () => {
    const image = await upload(svg(), 'logo.svg');
    const svgResponse = await get(pathOf(image.fileUrl)).set(bearer(owner)).expect(200);
    expect(svgResponse.headers).toMatchObject({ ...SECURITY, 'content-type': 'image/svg+xml' });
    expect(svgResponse.headers['content-disposition']).toMatch(/^attachment; filename="logo.svg"/);
    const doc = await upload(pdf('attach'), 'doc.pdf');
    const pdfResponse = await get(pathOf(doc.fileUrl)).set(bearer(owner)).expect(200);
    expect(pdfResponse.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('delivers public assets to anyone, embeddable by any site, cached for a year', async () => {
    const file = await png(10, 10, seed++);
    const asset = await upload(file, 'public.png');
    expect(asset.url).toBe(`https://cms.example.com/api/v1/delivery/${w.id}/media/${asset.id}/original/public.png`);
    const response = await get(pathOf(asset.url as string)).expect(200);
    expect(Buffer.compare(response.body as Buffer, file)).toBe(0);
    expect(response.headers).toMatchObject({
      ...SECURITY,
      'cache-control': 'public, max-age=31536000, immutable',
      'cross-origin-resource-policy': 'cross-origin',
      etag: `"${asset.checksum}"`,
    });
    // The workspace's slug works too; the file name segment is for people and caches only.
    await get(`/api/v1/delivery/${w.slug}/media/${asset.id}/original/anything.png`).expect(200);
    await get(`/api/v1/delivery/${w.id}/media/${asset.id}/original/x`).set('Range', 'bytes=0-3').expect(206);
  });

  it('delivers private assets only with a signed URL, until it expires', async () => {
    const file = pdf('private');
    const asset = await upload(file, 'private.pdf', { visibility: 'private' });
    expect(asset.url).toBeNull();
    const delivery = `/api/v1/delivery/${w.id}/media/${asset.id}/original/private.pdf`;
    expect((await http().get(delivery)).body).toMatchObject({
      status: 404,
      type: 'urn:quire:problem:media.asset-not-found',
    });
    // A member signed in may fetch it there too (not cached by anyone else).
    const asMember = await get(delivery).set(bearer(owner)).expect(200);
    expect(asMember.headers['cache-control']).toBe('private, no-cache');

    const minted = await http()
      .post(mediaPath(w, `/${asset.id}/signed-url`))
      .set(bearer(owner))
      .send({ expiresInSeconds: 60 })
      .expect(200);
    expect(minted.body.url).toMatch(
      new RegExp(`^https://cms.example.com${delivery}\\?expires=\\d+&signature=[A-Za-z0-9_-]{43}$`),
    );
    expect(new Date(minted.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const signed = await get(pathOf(minted.body.url)).expect(200);
    expect(Buffer.compare(signed.body as Buffer, file)).toBe(0);
    expect(signed.headers['cache-control']).toMatch(/^private, max-age=(5\d|60)$/);
    expect(signed.headers).toMatchObject(SECURITY);

    const url = new URL(minted.body.url);
    const signature = url.searchParams.get('signature') as string;
    const tampered = `${delivery}?expires=${Number(url.searchParams.get('expires')) + 3600}&signature=${signature}`;
    expect((await http().get(tampered)).status).toBe(404);
    const otherAsset = await upload(pdf('other'), 'other.pdf', { visibility: 'private' });
    const reused = `/api/v1/delivery/${w.id}/media/${otherAsset.id}/original/x.pdf${url.search}`;
    expect((await http().get(reused)).status).toBe(404);
    expect((await http().get(`${delivery}?signature=${signature}`)).status).toBe(404);

    const past = Math.floor(Date.now() / 1000) - 10;
    const expired = media.sut.app.get(UrlSigner).sign(w.id, asset.id, past);
    const late = await http().get(`${delivery}?expires=${past}&signature=${expired}`);
    expect(late.body).toMatchObject({ status: 403, type: 'urn:quire:problem:media.signed-url-expired' });

    const tooLong = await http()
      .post(mediaPath(w, `/${asset.id}/signed-url`))
      .set(bearer(owner))
      .send({ expiresInSeconds: 10 ** 6 });
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ path: 'expiresInSeconds' })]);
    await http()
      .post(mediaPath(w, `/${asset.id}/signed-url`))
      .set(bearer(owner))
      .send({ expiresInSeconds: 1 })
      .expect(400);
    await http().get(`${delivery}?expires=1&signature=x&extra=1`).expect(400);
  });

  it('answers 404 for a deleted asset everywhere, removes its file and variants, and tells CDNs', async () => {
    const asset = await upload(await png(12, 12, seed++), 'gone.png');
    const storage = media.sut.app.get(MediaStorage);
    const variantKey = `variants/${asset.id}/w100.webp`;
    await storage.put(variantKey, Readable.from([Buffer.from('variant')]), { contentType: 'image/webp' });
    const minted = await http()
      .post(mediaPath(w, `/${asset.id}/signed-url`))
      .set(bearer(owner))
      .send({})
      .expect(200);
    await http()
      .delete(mediaPath(w, `/${asset.id}`))
      .set(bearer(owner))
      .expect(204);

    for (const path of [pathOf(asset.fileUrl), mediaPath(w, `/${asset.id}`)]) {
      expect((await http().get(path).set(bearer(owner))).body).toMatchObject({
        status: 404,
        type: 'urn:quire:problem:media.asset-not-found',
      });
    }
    expect((await http().get(pathOf(asset.url as string))).status).toBe(404);
    expect((await http().get(pathOf(minted.body.url))).status).toBe(404);
    expect((await media.storedKeys()).filter((key) => key.includes(asset.id))).toEqual([]);
    expect(await storage.head(variantKey)).toBeNull();
    expect(await eventsOf(media.sut, w, 'media.asset.deleted')).toContainEqual({
      assetId: asset.id,
      mimeType: 'image/png',
      visibility: 'public',
      publicUrl: asset.url,
    });
    await http()
      .delete(mediaPath(w, `/${asset.id}`))
      .set(bearer(owner))
      .expect(404);
  });

  it('hides assets of other workspaces on the delivery route', async () => {
    const asset = await upload(await png(6, 6, seed++), 'mine.png');
    const stranger = await signUp(media.sut);
    const theirs = await newWorkspace(media.sut, stranger);
    expect((await http().get(`/api/v1/delivery/${theirs.id}/media/${asset.id}/original/mine.png`)).status).toBe(404);
    const minted = await http()
      .post(mediaPath(w, `/${asset.id}/signed-url`))
      .set(bearer(owner))
      .send({})
      .expect(200);
    const search = new URL(minted.body.url).search;
    expect(
      (await http().get(`/api/v1/delivery/${theirs.id}/media/${asset.id}/original/mine.png${search}`)).status,
    ).toBe(404);
  });
});
