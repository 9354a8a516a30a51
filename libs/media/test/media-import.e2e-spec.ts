import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

const UPLOAD_LIMIT = 200 * 1024;

/** The remote side of URL imports: a node:http server on 127.0.0.1 with one route per case. */
async function startRemote(files: Record<string, Buffer>): Promise<{ server: Server; base: string; port: number }> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    const port = (server.address() as AddressInfo).port;
    if (path === '/missing.png') return void response.writeHead(404).end('not here');
    if (path === '/broken.png') return void response.writeHead(500).end('oops');
    if (path === '/slow.png') return void response.writeHead(200, { 'Content-Type': 'image/png' }).write('x');
    if (path === '/to-private.png') {
      return void response.writeHead(302, { Location: `http://127.0.0.2:${port}/photo.png` }).end();
    }
    if (path === '/redirected') return void response.writeHead(302, { Location: '/files/redirected-photo.png' }).end();
    if (path === '/endless.png') {
      // No Content-Length: only counting the bytes as they arrive can stop it.
      response.writeHead(200, { 'Content-Type': 'image/png' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (response.write(chunk)) if (response.destroyed) return;
      };
      response.on('drain', pump);
      response.on('error', () => undefined);
      return pump();
    }
    if (path === '/declared-large.png') {
      return void response.writeHead(200, { 'Content-Length': String(UPLOAD_LIMIT * 4) }).end();
    }
    const name = path.replace(/^\/(files\/)?/, '').split('?')[0];
    const file = files[name];
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': file.length }).end(file);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return { server, base: `http://127.0.0.1:${port}`, port };
}

describe.each(['local', 's3'] as const)('Media URL import (loopback allowed, %s storage)', (driver) => {
  let media: MediaTestApp;
  let owner: Account;
  let workspace: Workspace;
  let remote: Awaited<ReturnType<typeof startRemote>>;
  let photo: Buffer;

  beforeAll(async () => {
    photo = await png(20, 10, 7);
    remote = await startRemote({
      'photo.png': photo,
      'redirected-photo.png': await png(21, 10, 8),
      'document.jpg': pdf('not a photo'),
      'tone.wav': wav(1500),
      'caf%C3%A9.png': await png(22, 10, 9),
    });
    media = await createMediaTestApp(driver, {
      MEDIA_MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT),
      OUTBOUND_ALLOWED_NETWORKS: '127.0.0.1/32',
      OUTBOUND_TIMEOUT_MS: '1500',
    });
    owner = await signUp(media.sut);
    workspace = await newWorkspace(media.sut, owner);
  });
  afterAll(async () => {
    remote?.server.closeAllConnections();
    remote?.server.close();
    await media?.close();
  });

  const importUrl = (body: Record<string, unknown>, as: Account = owner, w = workspace) =>
    media.sut.http.post(mediaPath(w, '/import')).set(bearer(as)).send(body);

  async function expectRefused(body: Record<string, unknown>, status: number, code: string) {
    const keys = await media.storedKeys();
    const rows = await libraryRows(media.sut, workspace);
    const response = await importUrl(body);
    expect({ status: response.status, type: response.body.type }).toEqual({
      status,
      type: `urn:quire:problem:${code}`,
    });
    expect(await media.storedKeys()).toEqual(keys);
    expect(await libraryRows(media.sut, workspace)).toEqual(rows);
    return response;
  }

  it('imports a file with its detected type, the fields given, and the name from the URL', async () => {
    const response = await importUrl({ url: `${remote.base}/photo.png`, title: 'Remote', tags: ['web'] }).expect(201);
    expect(response.body).toMatchObject({
      fileName: 'photo.png',
      mimeType: 'image/png',
      kind: 'image',
      size: photo.length,
      width: 20,
      height: 10,
      title: 'Remote',
      tags: ['web'],
      duplicate: false,
    });
    const again = await importUrl({ url: `${remote.base}/photo.png?again=1` }).expect(200);
    expect(again.body).toMatchObject({ id: response.body.id, duplicate: true });
  });

  it('follows redirects, decodes the name, and takes fileName when given', async () => {
    const redirected = await importUrl({ url: `${remote.base}/redirected` }).expect(201);
    expect(redirected.body.fileName).toBe('redirected-photo.png');
    const decoded = await importUrl({ url: `${remote.base}/caf%C3%A9.png` }).expect(201);
    expect(decoded.body.fileName).toBe('café.png');
    const wave = await importUrl({ url: `${remote.base}/tone.wav`, fileName: 'Jingle.wav' }).expect(201);
    expect(wave.body).toMatchObject({ fileName: 'Jingle.wav', mimeType: 'audio/wav', kind: 'audio', durationMs: 1500 });
  });

  it('runs the upload checks: bytes that are not what the name says are refused, nothing kept', async () => {
    await expectRefused({ url: `${remote.base}/document.jpg` }, 400, 'media.type-mismatch');
  });

  it('answers remote errors with 502, a slow server with 504, a too-large file with 413', async () => {
    const missing = await expectRefused({ url: `${remote.base}/missing.png` }, 502, 'media.import-failed');
    expect(missing.body.remoteStatus).toBe(404);
    await expectRefused({ url: `${remote.base}/broken.png` }, 502, 'media.import-failed');
    await expectRefused({ url: 'http://127.0.0.1:1/nothing-listens.png' }, 502, 'media.import-failed');
    await expectRefused({ url: `${remote.base}/slow.png` }, 504, 'media.import-timeout');
    await expectRefused({ url: `${remote.base}/endless.png` }, 413, 'media.upload-too-large');
    await expectRefused({ url: `${remote.base}/declared-large.png` }, 413, 'media.upload-too-large');
  });

  it('refuses a redirect to an address outside the allowed networks', async () => {
    const response = await expectRefused({ url: `${remote.base}/to-private.png` }, 400, 'media.import-url-not-allowed');
    expect(response.body.errors).toEqual([{ path: 'url', message: expect.stringContaining('127.0.0.2') }]);
  });

  it('validates the body and needs the create permission', async () => {
    await expectRefused({}, 400, 'core.validation-failed');
    await expectRefused({ url: 'ftp://127.0.0.1/photo.png' }, 400, 'media.import-url-not-allowed');
    await expectRefused({ url: `${remote.base}/photo.png`, folderId: 'nope' }, 400, 'core.validation-failed');
    const viewer = await member(media.sut, workspace, 'viewer');
    expect((await importUrl({ url: `${remote.base}/photo.png` }, viewer)).status).toBe(403);
    const stranger = await signUp(media.sut);
    expect((await importUrl({ url: `${remote.base}/photo.png` }, stranger)).status).toBe(404);
  });
});

describe('Media URL import (default outbound rules)', () => {
  let media: MediaTestApp;
  let owner: Account;
  let workspace: Workspace;
  let remote: Awaited<ReturnType<typeof startRemote>>;

  beforeAll(async () => {
    remote = await startRemote({ 'photo.png': await png() });
    media = await createMediaTestApp('local');
    owner = await signUp(media.sut);
    workspace = await newWorkspace(media.sut, owner);
  });
  afterAll(async () => {
    remote?.server.close();
    await media?.close();
  });

  it.each([
    'http://127.0.0.1:{port}/photo.png',
    'http://localhost:{port}/photo.png',
    'http://[::1]:{port}/x.png',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.1/x.png',
    'http://2130706433:{port}/photo.png',
  ])('refuses %s with 400 naming url, nothing kept', async (template) => {
    const keys = await media.storedKeys();
    const response = await media.sut.http
      .post(mediaPath(workspace, '/import'))
      .set(bearer(owner))
      .send({ url: template.replace('{port}', String(remote.port)) });
    expect({ status: response.status, type: response.body.type }).toEqual({
      status: 400,
      type: 'urn:quire:problem:media.import-url-not-allowed',
    });
    expect(response.body.errors[0].path).toBe('url');
    expect(await media.storedKeys()).toEqual(keys);
    expect((await libraryRows(media.sut, workspace)).assets).toEqual([]);
  });
});
