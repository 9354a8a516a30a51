import { expectValidationProblem } from '@quire/testing';
import sharp from 'sharp';
import {
  binary,
  bearer,
  createMediaTestApp,
  eventsOf,
  libraryRows,
  mediaPath,
  member,
  newWorkspace,
  signUp,
  type Account,
  type MediaTestApp,
  type Workspace,
} from './media-support';
import { EMPTY_ZIP, jpegWithExif, noisePng, pdf, png, pngDeclaring, pngWithText, svg } from './media-files';

const UPLOAD_LIMIT = 600 * 1024;

describe.each(['local', 's3'] as const)('Media uploads (%s storage)', (driver) => {
  let media: MediaTestApp;
  let owner: Account;
  let workspace: Workspace;

  beforeAll(async () => {
    media = await createMediaTestApp(
      driver,
      { MEDIA_MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT) },
      {
        default: 10 * 1024 ** 3,
        tiny: 700 * 1024,
      },
    );
    owner = await signUp(media.sut);
    workspace = await newWorkspace(media.sut, owner);
  });
  afterAll(() => media?.close());

  const upload = (
    file: Buffer,
    name: string,
    fields: Record<string, string> = {},
    as: Account = owner,
    w = workspace,
  ) => {
    let request = media.sut.http.post(mediaPath(w)).set(bearer(as));
    for (const [key, value] of Object.entries(fields)) request = request.field(key, value);
    return request.attach('file', file, name);
  };

  /** Refused: the answer, and nothing new in storage or in the tables. */
  async function expectRefused(
    send: () => PromiseLike<{ status: number; body: Record<string, unknown> }>,
    status: number,
    code: string,
    w: Workspace = workspace,
  ) {
    const keys = await media.storedKeys();
    const rows = await libraryRows(media.sut, w);
    const response = await send();
    expect({ status: response.status, type: response.body.type }).toEqual({
      status,
      type: `urn:quire:problem:${code}`,
    });
    expect(await media.storedKeys()).toEqual(keys);
    expect(await libraryRows(media.sut, w)).toEqual(rows);
    return response;
  }

  it('stores a PNG with its detected type, size, dimensions and checksum', async () => {
    const file = await png(40, 30, 1);
    const response = await upload(file, 'Team photo.png', {
      title: 'Team',
      altText: 'The team',
      tags: 'Team, Summer 2026',
    }).expect(201);
    expect(response.body).toMatchObject({
      fileName: 'Team photo.png',
      title: 'Team',
      altText: 'The team',
      mimeType: 'image/png',
      kind: 'image',
      size: file.length,
      width: 40,
      height: 30,
      tags: ['team', 'summer 2026'],
      folderId: null,
      visibility: 'public',
      uploadedBy: owner.userId,
      duplicate: false,
    });
    expect(response.body.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(response.body.url).toContain(
      `/api/v1/delivery/${workspace.id}/media/${response.body.id}/original/Team%20photo.png`,
    );
    const [row] = await media.sut.dataSource.query(
      `SELECT storage_driver, storage_key FROM media_assets WHERE id = $1`,
      [response.body.id],
    );
    expect(row.storage_driver).toBe(driver);
    expect(await media.storedKeys()).toContain(row.storage_key);
    expect(await eventsOf(media.sut, workspace, 'media.asset.uploaded')).toContainEqual(
      expect.objectContaining({ assetId: response.body.id, mimeType: 'image/png', size: file.length }),
    );
  });

  it('stores a JPEG and a PDF, and keeps an unusual extension by appending the detected one', async () => {
    const jpeg = await upload(await jpegWithExif(3), 'holiday.JPEG').expect(201);
    expect(jpeg.body).toMatchObject({ mimeType: 'image/jpeg', width: 32, height: 24, fileName: 'holiday.JPEG' });
    const doc = await upload(pdf('report'), 'report.v2').expect(201);
    expect(doc.body).toMatchObject({
      mimeType: 'application/pdf',
      kind: 'document',
      fileName: 'report.v2.pdf',
      width: null,
    });
    const named = await upload(pdf('scan'), 'scan').expect(201);
    expect(named.body.fileName).toBe('scan.pdf');
  });

  it('stores the same file once: a second upload answers the existing asset with 200', async () => {
    const file = await png(20, 20, 2);
    const first = await upload(file, 'one.png').expect(201);
    const keys = await media.storedKeys();
    const second = await upload(file, 'two.png', { title: 'Other title' }).expect(200);
    expect(second.body).toMatchObject({ id: first.body.id, fileName: 'one.png', title: null, duplicate: true });
    expect(await media.storedKeys()).toEqual(keys);
    const [{ count }] = await media.sut.dataSource.query(
      `SELECT count(*)::int AS count FROM media_assets WHERE workspace_id = $1 AND checksum_sha256 = $2`,
      [workspace.id, first.body.checksum],
    );
    expect(count).toBe(1);
    // Another workspace stores its own copy.
    const other = await newWorkspace(media.sut, owner);
    const elsewhere = await upload(file, 'one.png', {}, owner, other).expect(201);
    expect(elsewhere.body.id).not.toBe(first.body.id);
  });

  it('sanitises file names: no path parts, no control or bidi characters', async () => {
    const traversal = await upload(await png(4, 4, 10), '../../../etc/passwd.png').expect(201);
    expect(traversal.body.fileName).toBe('passwd.png');
    const windows = await upload(await png(4, 4, 11), '..\\..\\Windows\\win.png').expect(201);
    expect(windows.body.fileName).toBe('win.png');
    const hidden = await upload(await png(4, 4, 12), '\u202e\u200b..hidden  name.png').expect(201);
    expect(hidden.body.fileName).toBe('hidden name.png');
    const keys = await media.storedKeys();
    expect(keys.every((key) => !key.includes('..') && !key.includes('passwd'))).toBe(true);
  });

  it('refuses an empty file', async () => {
    await expectRefused(() => upload(Buffer.alloc(0), 'empty.png'), 400, 'media.empty-file');
  });

  it('refuses bytes that are not what the name says', async () => {
    const response = await expectRefused(() => upload(pdf(), 'photo.jpg'), 400, 'media.type-mismatch');
    expect(response.body).toMatchObject({ detectedType: 'application/pdf', extension: 'jpg' });
    await expectRefused(async () => upload(await png(4, 4, 20), 'page.html'), 400, 'media.type-mismatch');
  });

  it('refuses types outside the allow-list, and content it cannot recognise', async () => {
    await expectRefused(() => upload(Buffer.from('just some text\n'), 'notes.txt'), 415, 'media.type-not-allowed');
    await expectRefused(
      () => upload(Buffer.from('<html><script>alert(1)</script></html>'), 'page.html'),
      415,
      'media.type-not-allowed',
    );
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), EMPTY_ZIP]);
    await expectRefused(() => upload(zip, 'archive.zip'), 415, 'media.type-not-allowed');
    // The workspace narrows its allow-list: PNG only.
    const narrow = await newWorkspace(media.sut, owner);
    await media.sut.http
      .put(`/api/v1/workspaces/${narrow.slug}/settings/media`)
      .set(bearer(owner))
      .send({ allowedTypes: ['image/png'] })
      .expect(200);
    const refused = await expectRefused(
      () => upload(pdf(), 'doc.pdf', {}, owner, narrow),
      415,
      'media.type-not-allowed',
      narrow,
    );
    expect(refused.body).toMatchObject({ detectedType: 'application/pdf', allowed: ['image/png'] });
    await upload(await png(4, 4, 21), 'ok.png', {}, owner, narrow).expect(201);
  });

  it('refuses polyglots: HTML in an image, a PDF header in an image, a ZIP appended to an image', async () => {
    await expectRefused(
      async () => upload(await pngWithText('<script>alert(document.cookie)</script>'), 'x.png'),
      400,
      'media.unsafe-content',
    );
    await expectRefused(
      async () => upload(await pngWithText('%PDF-1.4 1 0 obj'), 'y.png'),
      400,
      'media.unsafe-content',
    );
    await expectRefused(
      async () => upload(Buffer.concat([await png(6, 6, 22), EMPTY_ZIP]), 'gifar.png'),
      400,
      'media.unsafe-content',
    );
    // Script far past the first bytes, behind a large image: found while streaming, then removed from storage.
    const big = await noisePng(200, 200);
    await expectRefused(
      () => upload(Buffer.concat([big, Buffer.from('<script>alert(1)</script>')]), 'tail.png'),
      400,
      'media.unsafe-content',
    );
  });

  it('accepts a plain SVG and refuses one with script or event handlers', async () => {
    const clean = await upload(svg(), 'logo.svg').expect(201);
    expect(clean.body).toMatchObject({ mimeType: 'image/svg+xml', kind: 'image' });
    for (const body of [
      '<script>alert(1)</script>',
      '<circle r="4" onload="alert(1)"/>',
      '<a href="javascript:alert(1)"><text>x</text></a>',
      '<a href="&#106;avascript:alert(1)"><text>x</text></a>',
      '<foreignObject><iframe src="https://evil.example"></iframe></foreignObject>',
    ]) {
      await expectRefused(() => upload(svg(body), 'bad.svg'), 400, 'media.unsafe-content');
    }
  });

  it('refuses a decompression bomb by its declared pixels, before decoding it', async () => {
    const response = await expectRefused(
      () => upload(pngDeclaring(20000, 20000), 'bomb.png'),
      400,
      'media.image-too-large',
    );
    expect(response.body).toMatchObject({ width: 20000, height: 20000 });
    await expectRefused(
      () => upload(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]), 'broken.jpg'),
      400,
      'media.unreadable-image',
    );
  });

  it('cuts off an upload past the size limit with 413, keeping nothing', async () => {
    const tooBig = await noisePng(500, 500); // uncompressed: 750 KB
    expect(tooBig.length).toBeGreaterThan(UPLOAD_LIMIT);
    const response = await expectRefused(() => upload(tooBig, 'big.png'), 413, 'media.upload-too-large');
    expect(response.body.limitBytes).toBe(UPLOAD_LIMIT);
    // Far past the limit: refused from the Content-Length alone, before reading the body.
    await expectRefused(() => upload(Buffer.alloc(3 * 1024 * 1024, 1), 'huge.png'), 413, 'media.upload-too-large');
    // The connection still works for the next upload.
    await upload(await png(5, 5, 30), 'after.png').expect(201);
  });

  it('refuses an upload past the workspace quota with 413 and reports usage', async () => {
    const small = await newWorkspace(media.sut, owner);
    await media.sut.dataSource.query(`UPDATE workspaces SET plan = 'tiny' WHERE id = $1`, [small.id]);
    const first = await noisePng(380, 380); // 433 KB of the 700 KB
    await upload(first, 'first.png', {}, owner, small).expect(201);
    const usage = await media.sut.http.get(mediaPath(small, '/usage')).set(bearer(owner)).expect(200);
    expect(usage.body).toEqual({
      usedBytes: first.length,
      limitBytes: 700 * 1024,
      remainingBytes: 700 * 1024 - first.length,
      assets: 1,
    });
    const response = await expectRefused(
      async () => upload(await noisePng(381, 381), 'second.png', {}, owner, small),
      413,
      'media.quota-exceeded',
      small,
    );
    expect(response.body).toMatchObject({ usedBytes: first.length, limitBytes: 700 * 1024 });
  });

  it('refuses a malformed or incomplete body', async () => {
    const noFile = await media.sut.http.post(mediaPath(workspace)).set(bearer(owner)).field('title', 'x');
    expectValidationProblem(noFile, ['file']);
    const twoFiles = await media.sut.http
      .post(mediaPath(workspace))
      .set(bearer(owner))
      .attach('file', await png(3, 3, 40), 'a.png')
      .attach('file', await png(3, 3, 41), 'b.png');
    expect(twoFiles.status).toBe(400);
    const unknown = await media.sut.http
      .post(mediaPath(workspace))
      .set(bearer(owner))
      .field('owner', 'me')
      .attach('file', await png(3, 3, 42), 'c.png');
    expectValidationProblem(unknown, ['owner']);
    const badFields = await upload(await png(3, 3, 43), 'd.png', { visibility: 'secret', folderId: 'nope' });
    expectValidationProblem(badFields, ['visibility', 'folderId']);
    const missingFolder = await upload(await png(3, 3, 44), 'e.png', {
      folderId: '0192f0c4-7a3e-7c1d-8e2f-123456789abc',
    });
    expectValidationProblem(missingFolder, ['folderId']);
    const json = await media.sut.http.post(mediaPath(workspace)).set(bearer(owner)).send({ file: 'x' });
    expect(json.body.type).toBe('urn:quire:problem:core.unsupported-media-type');
    const keys = await media.storedKeys();
    expect(keys.some((key) => key.includes('.incoming'))).toBe(false);
  });

  it('lets authors upload and refuses viewers', async () => {
    const author = await member(media.sut, workspace, 'author');
    const mine = await upload(await png(3, 3, 50), 'author.png', {}, author).expect(201);
    expect(mine.body.uploadedBy).toBe(author.userId);
    const viewer = await member(media.sut, workspace, 'viewer');
    await expectRefused(async () => upload(await png(3, 3, 51), 'viewer.png', {}, viewer), 403, 'core.forbidden');
  });

  it('strips EXIF (GPS, camera) from images unless the workspace keeps it', async () => {
    const fetchFile = async (w: Workspace, id: string) =>
      (
        await media.sut.http
          .get(mediaPath(w, `/${id}/file`))
          .set(bearer(owner))
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer;
    const original = await jpegWithExif(60);
    expect((await sharp(original).metadata()).exif).toBeDefined();

    const stripped = await upload(original, 'gps.jpg').expect(201);
    expect(stripped.body).toMatchObject({ imageMetadataKept: false, width: 32, height: 24, mimeType: 'image/jpeg' });
    const storedBytes = await fetchFile(workspace, stripped.body.id);
    const storedMetadata = await sharp(storedBytes).metadata();
    expect(storedMetadata.exif).toBeUndefined();
    expect(storedBytes.toString('latin1')).not.toContain('QuireCam');
    expect(stripped.body.size).toBe(storedBytes.length);
    // The same photo again: the same stored bytes, so the same asset.
    expect((await upload(original, 'again.jpg').expect(200)).body.id).toBe(stripped.body.id);

    const keeps = await newWorkspace(media.sut, owner);
    await media.sut.http
      .put(`/api/v1/workspaces/${keeps.slug}/settings/media`)
      .set(bearer(owner))
      .send({ keepImageMetadata: true })
      .expect(200);
    const kept = await upload(original, 'gps.jpg', {}, owner, keeps).expect(201);
    expect(kept.body).toMatchObject({ imageMetadataKept: true, size: original.length });
    const keptBytes = await fetchFile(keeps, kept.body.id);
    expect(Buffer.compare(keptBytes, original)).toBe(0);
    const plain = await upload(await png(3, 3, 61), 'plain.png', {}, owner, keeps).expect(201);
    expect(plain.body.imageMetadataKept).toBe(false);
  });
});
