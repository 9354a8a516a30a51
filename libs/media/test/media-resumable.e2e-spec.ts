import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResumableUploads } from '../src/resumable/resumable-uploads.service';
import { wav } from './media-av-files';
import { pdf, png } from './media-files';
import {
  bearer,
  createMediaTestApp,
  libraryRows,
  mediaPath,
  member,
  newWorkspace,
  signUp,
  type Account,
  type MediaTestApp,
  type Workspace,
} from './media-support';

const UPLOAD_LIMIT = 300 * 1024;
const TUS = { 'Tus-Resumable': '1.0.0' };
/** A little more than one upload: after the first tests, the rest of the quota is less than the upload limit. */
const QUOTA = 310 * 1024;

const uploadsPath = (workspace: Workspace, rest = '') => `/api/v1/workspaces/${workspace.slug}/media-uploads${rest}`;

/** Upload-Metadata: `key base64(value)` pairs, comma-separated. */
function tusMetadata(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');
}

describe.each(['local', 's3'] as const)('Media resumable uploads (tus, %s storage)', (driver) => {
  let media: MediaTestApp;
  let dataDir: string;
  let owner: Account;
  let workspace: Workspace;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'quire-tus-'));
    media = await createMediaTestApp(
      driver,
      { MEDIA_MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT), QUIRE_DATA_DIR: dataDir },
      { default: QUOTA },
    );
    owner = await signUp(media.sut);
    workspace = await newWorkspace(media.sut, owner);
  });
  afterAll(async () => {
    await media?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const partials = async () => (await readdir(join(dataDir, 'media-uploads')).catch(() => [])).sort();

  const create = (length: number, fields: Record<string, string>, as: Account = owner, w = workspace) =>
    media.sut.http
      .post(uploadsPath(w))
      .set(bearer(as))
      .set(TUS)
      .set('Upload-Length', String(length))
      .set('Upload-Metadata', tusMetadata(fields));

  const patch = (location: string, offset: number, bytes: Buffer, as: Account = owner) =>
    media.sut.http
      .patch(location)
      .set(bearer(as))
      .set(TUS)
      .set('Upload-Offset', String(offset))
      .set('Content-Type', 'application/offset+octet-stream')
      .send(bytes);

  const head = (location: string, as: Account = owner) => media.sut.http.head(location).set(bearer(as)).set(TUS);

  it('uploads a file in three chunks; the last answer names the asset', async () => {
    const file = await png(60, 40, 3);
    const created = await create(file.length, { filename: 'chunked.png', title: 'In parts', tags: 'a,b' }).expect(201);
    const location = created.headers.location as string;
    expect(location).toMatch(new RegExp(`^/api/v1/workspaces/${workspace.slug}/media-uploads/[0-9a-f-]{36}$`));
    const third = Math.ceil(file.length / 3);
    let offset = 0;
    for (let part = 0; part < 3; part++) {
      const chunk = file.subarray(offset, offset + third);
      const answer = await patch(location, offset, chunk).expect(204);
      offset += chunk.length;
      expect(Number(answer.headers['upload-offset'])).toBe(offset);
      if (part < 2) expect(answer.headers['quire-asset-id']).toBeUndefined();
      else {
        const assetId = answer.headers['quire-asset-id'];
        const asset = await media.sut.http
          .get(mediaPath(workspace, `/${assetId}`))
          .set(bearer(owner))
          .expect(200);
        expect(asset.body).toMatchObject({
          fileName: 'chunked.png',
          title: 'In parts',
          tags: ['a', 'b'],
          mimeType: 'image/png',
          size: file.length,
          width: 60,
          height: 40,
        });
      }
    }
    expect(await partials()).toEqual([]);
    await head(location).expect(404);
  });

  it('resumes after an interrupted chunk: HEAD tells the offset', async () => {
    const file = wav(2000);
    const created = await create(file.length, { filename: 'voice.wav' }).expect(201);
    const location = created.headers.location as string;
    await patch(location, 0, file.subarray(0, 5000)).expect(204);
    // A chunk sent from the wrong offset (as after a lost answer) is refused; HEAD says where to go on.
    await patch(location, 7000, file.subarray(7000, 9000)).expect(409);
    const offset = await head(location).expect(200);
    expect(offset.headers['upload-offset']).toBe('5000');
    expect(offset.headers['upload-length']).toBe(String(file.length));
    const done = await patch(location, 5000, file.subarray(5000)).expect(204);
    const asset = await media.sut.http
      .get(mediaPath(workspace, `/${done.headers['quire-asset-id']}`))
      .set(bearer(owner))
      .expect(200);
    expect(asset.body).toMatchObject({ fileName: 'voice.wav', kind: 'audio', durationMs: 2000 });
  });

  it('refuses at creation a length that does not fit the rest of the quota', async () => {
    const usage = await media.sut.http.get(mediaPath(workspace, '/usage')).set(bearer(owner)).expect(200);
    const remaining = usage.body.remainingBytes as number;
    expect(remaining).toBeLessThan(UPLOAD_LIMIT);
    const refused = await create(remaining + 1, { filename: 'full.png' });
    expect({ status: refused.status, type: JSON.parse(refused.text).type }).toEqual({
      status: 413,
      type: 'urn:quire:problem:media.quota-exceeded',
    });
    expect(await partials()).toEqual([]);
    const fits = await create(remaining, { filename: 'fits.png' }).expect(201);
    await media.sut.http
      .delete(fits.headers.location as string)
      .set(bearer(owner))
      .set(TUS)
      .expect(204);
  });

  it('refuses a completed file whose bytes are not what its name says, keeping nothing', async () => {
    const keys = await media.storedKeys();
    const rows = await libraryRows(media.sut, workspace);
    const file = pdf('not an image');
    const created = await create(file.length, { filename: 'photo.jpg' }).expect(201);
    const location = created.headers.location as string;
    const refused = await patch(location, 0, file);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({ type: 'urn:quire:problem:media.type-mismatch' });
    expect(await media.storedKeys()).toEqual(keys);
    expect(await libraryRows(media.sut, workspace)).toEqual(rows);
    expect(await partials()).toEqual([]);
    await head(location).expect(404);
  });

  it('refuses a length past the upload limit at creation, and bytes past the length', async () => {
    const tooLarge = await create(UPLOAD_LIMIT + 1, { filename: 'big.png' });
    expect(tooLarge.status).toBe(413);
    const deferred = await media.sut.http
      .post(uploadsPath(workspace))
      .set(bearer(owner))
      .set(TUS)
      .set('Upload-Defer-Length', '1');
    expect(deferred.status).toBe(400);
    const unknown = await create(10, { filename: 'x.png', owner: 'me' });
    expect(unknown.status).toBe(400);
    const invalid = await create(10, { filename: 'x.png', folderId: 'not-a-uuid' });
    expect(invalid.status).toBe(400);
    const created = await create(10, { filename: 'x.png' }).expect(201);
    expect((await patch(created.headers.location as string, 0, Buffer.alloc(20))).status).toBe(413);
    expect(await partials()).toHaveLength(2);
    await media.sut.http
      .delete(created.headers.location as string)
      .set(bearer(owner))
      .set(TUS)
      .expect(204);
    expect(await partials()).toEqual([]);
  });

  it('keeps an upload to the member and workspace that started it', async () => {
    const file = await png(10, 10, 4);
    const created = await create(file.length, { filename: 'mine.png' }).expect(201);
    const location = created.headers.location as string;
    const id = location.split('/').pop() as string;
    const colleague = await member(media.sut, workspace, 'author');
    await head(location, colleague).expect(404);
    expect((await patch(location, 0, file, colleague)).status).toBe(404);
    await media.sut.http.delete(location).set(bearer(colleague)).set(TUS).expect(404);
    const stranger = await signUp(media.sut);
    const elsewhere = await newWorkspace(media.sut, stranger);
    await head(uploadsPath(elsewhere, `/${id}`), stranger).expect(404);
    expect((await patch(uploadsPath(elsewhere, `/${id}`), 0, file, stranger)).status).toBe(404);
    await head(location, stranger).expect(404);
    await head(uploadsPath(workspace, '/..%2F..%2Fetc'), owner).expect(404);
    const viewer = await member(media.sut, workspace, 'viewer');
    expect((await create(10, { filename: 'v.png' }, viewer)).status).toBe(403);
    expect((await head(location)).headers['upload-offset']).toBe('0');
    await patch(location, 0, file).expect(204);
  });

  it('removes expired partial uploads in the cleanup', async () => {
    const created = await create(100, { filename: 'forgotten.png' }).expect(201);
    expect(created.headers['upload-expires']).toBeDefined();
    expect((await partials()).length).toBe(2);
    const uploads = media.sut.app.get(ResumableUploads);
    // Expiry is a day, counted from each upload's creation date: make it a millisecond to see it go.
    const original = uploads.store.getExpiration.bind(uploads.store);
    uploads.store.getExpiration = () => 1;
    try {
      expect(await uploads.removeExpired()).toBe(1);
    } finally {
      uploads.store.getExpiration = original;
    }
    expect(await partials()).toEqual([]);
  });
});
