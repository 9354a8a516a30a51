import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loadConfig, OutboundHttp, OutboundRequestError } from '@quire/core';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

/** A real HTTP server on a loopback address that counts connections, so a refusal can be shown to open none. */
interface LoopbackServer {
  url: string;
  connections: number;
  requests: Array<{ method: string; url: string; body: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

async function serve(host: string, handler: Handler): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const state: LoopbackServer = { url: '', connections: 0, requests: [], close: async () => undefined };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      state.requests.push({ method: request.method ?? '', url: request.url ?? '', body, headers: request.headers });
      handler(request, body, response);
    });
  });
  server.on('connection', (socket: Socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}

async function failure(promise: Promise<unknown>): Promise<OutboundRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OutboundRequestError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe(OutboundHttp.name, () => {
  const servers: LoopbackServer[] = [];
  const clients: OutboundHttp[] = [];
  let receiver: LoopbackServer;
  let forbidden: LoopbackServer;
  let forbiddenV6: LoopbackServer;

  const client = (env: Record<string, string> = {}) => {
    const sut = new OutboundHttp(loadConfig(env));
    clients.push(sut);
    return sut;
  };
  const allowingLoopback = () => client({ OUTBOUND_ALLOWED_NETWORKS: '127.0.0.1/32' });

  beforeAll(async () => {
    receiver = await serve('127.0.0.1', (request, body, response) => {
      const path = request.url ?? '/';
      if (path.startsWith('/redirect-to/')) {
        response.writeHead(Number(path.split('/')[2]), { location: decodeURIComponent(path.split('/')[3]) });
        return response.end();
      }
      if (path === '/slow') return; // never answers
      if (path === '/trickle') {
        // Headers and a first chunk, then nothing: only the deadline ends a streamed read.
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        return response.write('first');
      }
      if (path === '/large') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        // Streamed without a Content-Length: reading has to stop at the cap by itself.
        for (let i = 0; i < 100; i++) response.write('x'.repeat(1024));
        return response.end();
      }
      if (path === '/declared-large') {
        response.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
        return response.write('x');
      }
      response.writeHead(201, { 'content-type': 'application/json', 'x-echo': request.method ?? '' });
      response.end(JSON.stringify({ method: request.method, body }));
    });
    forbidden = await serve('127.0.0.2', (_request, _body, response) => response.end('should never be reached'));
    forbiddenV6 = await serve('::1', (_request, _body, response) => response.end('should never be reached'));
    servers.push(receiver, forbidden, forbiddenV6);
  });
  afterAll(async () => {
    for (const sut of clients) await sut.onApplicationShutdown();
    for (const server of servers) await server.close();
  });

  describe('with the default configuration', () => {
    it.each([
      ['a loopback literal', () => receiver.url],
      ['localhost (resolved at connect time)', () => receiver.url.replace('127.0.0.1', 'localhost')],
      ['a decimal IPv4 literal', () => receiver.url.replace('127.0.0.1', '2130706433')],
      ['an octal IPv4 literal', () => receiver.url.replace('127.0.0.1', '0177.0.0.1')],
      ['an IPv4-mapped IPv6 literal', () => receiver.url.replace('127.0.0.1', '[::ffff:127.0.0.1]')],
      ['the IPv6 loopback', () => forbiddenV6.url],
    ])('refuses %s without opening a connection', async (_what, url) => {
      const before = receiver.connections + forbiddenV6.connections;

      const error = await failure(client().request(`${url()}/hook`, { method: 'POST', body: '{}' }));

      expect(error.kind).toBe('address-refused');
      expect(error.message).toMatch(/loopback address, which this installation does not allow/);
      expect(error.durationMs).toEqual(expect.any(Number));
      expect(receiver.connections + forbiddenV6.connections).toBe(before);
    });

    it('refuses private, link-local and unspecified literals', async () => {
      for (const host of ['10.0.0.1', '192.168.0.1', '169.254.169.254', '0.0.0.0', '[fd00::1]', '[fe80::1]']) {
        const error = await failure(client().request(`http://${host}:9/`, { timeoutMs: 2000 }));
        expect([host, error.kind]).toEqual([host, 'address-refused']);
      }
    });

    it('checks a URL before it is stored: refused addresses, bad schemes; an unknown name passes', async () => {
      const sut = client();

      expect(await sut.checkUrl('http://localhost:8080/hook')).toEqual({
        allowed: false,
        kind: 'address-refused',
        reason: expect.stringMatching(/^localhost resolves to 127\.0\.0\.1, a loopback address/),
      });
      expect(await sut.checkUrl('http://10.0.0.1/hook')).toMatchObject({ allowed: false, kind: 'address-refused' });
      expect(await sut.checkUrl('http://[::1]/hook')).toMatchObject({ allowed: false, kind: 'address-refused' });
      expect(await sut.checkUrl('http://169.254.169.254/latest/meta-data')).toMatchObject({ allowed: false });
      expect(await sut.checkUrl('ftp://example.com/')).toMatchObject({ allowed: false, kind: 'invalid-url' });
      expect(await sut.checkUrl('https://hooks.quire-test.invalid/a')).toEqual({
        allowed: true,
        url: 'https://hooks.quire-test.invalid/a',
        addresses: [],
      });
    });

    it('records a name that does not resolve as a DNS failure', async () => {
      const error = await failure(client().request('http://hooks.quire-test.invalid/'));

      expect(error.kind).toBe('dns');
    });
  });

  describe('with 127.0.0.1/32 allowed', () => {
    it('sends the request and answers status, headers, body, final URL and timing', async () => {
      const response = await allowingLoopback().request(`${receiver.url}/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"a":1}',
      });

      expect(response).toMatchObject({ status: 201, method: 'POST', url: `${receiver.url}/hook`, redirects: [] });
      expect(response.headers['x-echo']).toBe('POST');
      expect(JSON.parse(response.body.toString('utf8'))).toEqual({ method: 'POST', body: '{"a":1}' });
      expect(response.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('allows only the listed address: 127.0.0.2 and ::1 stay refused', async () => {
      const sut = allowingLoopback();

      expect((await failure(sut.request(forbidden.url))).kind).toBe('address-refused');
      expect((await failure(sut.request(forbiddenV6.url))).kind).toBe('address-refused');
      expect(forbidden.connections + forbiddenV6.connections).toBe(0);
    });

    it('refuses a redirect from an allowed receiver to a loopback address that is not allowed, at that hop', async () => {
      const target = `${forbidden.url}/internal`;

      const error = await failure(
        allowingLoopback().request(`${receiver.url}/redirect-to/307/${encodeURIComponent(target)}`, {
          method: 'POST',
          body: '{}',
        }),
      );

      expect(error.kind).toBe('address-refused');
      expect(error.url).toBe(target);
      expect(error.message).toContain('127.0.0.2 is a loopback address');
      expect(forbidden.connections).toBe(0);
    });

    it('refuses a redirect to a private address given as a name or a decimal literal', async () => {
      for (const target of ['http://localhost.:1/x', 'http://2886729729/x', 'http://[::1]:1/x']) {
        const error = await failure(
          allowingLoopback().request(`${receiver.url}/redirect-to/302/${encodeURIComponent(target)}`),
        );
        expect([target, error.kind]).toEqual([target, expect.stringMatching(/address-refused|dns/)]);
      }
    });

    it('follows allowed redirects: 307 repeats the POST with its body, 303 turns it into a GET', async () => {
      const sut = allowingLoopback();
      const final = `${receiver.url}/final`;

      const kept = await sut.request(`${receiver.url}/redirect-to/307/${encodeURIComponent(final)}`, {
        method: 'POST',
        body: 'payload',
      });
      const changed = await sut.request(`${receiver.url}/redirect-to/303/${encodeURIComponent(final)}`, {
        method: 'POST',
        body: 'payload',
      });

      expect(kept).toMatchObject({ status: 201, method: 'POST', url: final, redirects: [final] });
      expect(JSON.parse(kept.body.toString())).toEqual({ method: 'POST', body: 'payload' });
      expect(changed).toMatchObject({ status: 201, method: 'GET', url: final });
      expect(JSON.parse(changed.body.toString())).toEqual({ method: 'GET', body: '' });
    });

    it('stops after the allowed number of redirects, or answers the redirect itself with none allowed', async () => {
      const loop = `${receiver.url}/redirect-to/302/${encodeURIComponent('/redirect-to/302/%2Fhook')}`;

      const error = await failure(allowingLoopback().request(loop, { maxRedirects: 1 }));
      const unfollowed = await allowingLoopback().request(loop, { maxRedirects: 0 });

      expect(error.kind).toBe('too-many-redirects');
      expect(unfollowed).toMatchObject({ status: 302, redirects: [] });
    });

    it('fails with a timeout when the receiver does not answer in time', async () => {
      const error = await failure(allowingLoopback().request(`${receiver.url}/slow`, { timeoutMs: 300 }));

      expect(error.kind).toBe('timeout');
    });

    it('never waits longer than OUTBOUND_TIMEOUT_MS, whatever the caller asks', async () => {
      const sut = client({ OUTBOUND_ALLOWED_NETWORKS: '127.0.0.1', OUTBOUND_TIMEOUT_MS: '300' });

      const error = await failure(sut.request(`${receiver.url}/slow`, { timeoutMs: 60_000 }));

      expect(error.kind).toBe('timeout');
    });

    it('stops reading past the size cap and keeps what it read', async () => {
      const streamed = await failure(allowingLoopback().request(`${receiver.url}/large`, { maxResponseBytes: 1024 }));
      const declared = await failure(
        allowingLoopback().request(`${receiver.url}/declared-large`, { maxResponseBytes: 1024 }),
      );

      expect(streamed).toMatchObject({ kind: 'response-too-large', status: 200 });
      expect(streamed.details.partialBody?.length).toBe(1024);
      expect(declared).toMatchObject({ kind: 'response-too-large', status: 200 });
    });

    it('reports a closed port as a network failure', async () => {
      const closed = await serve('127.0.0.1', () => undefined);
      const url = closed.url;
      await closed.close();

      const error = await failure(allowingLoopback().request(url));

      expect(error.kind).toBe('network');
    });

    describe('stream', () => {
      async function readAll(body: NodeJS.ReadableStream): Promise<Buffer> {
        const chunks: Buffer[] = [];
        for await (const chunk of body) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      }

      it('answers once the headers are in, with the body as a stream, after redirects', async () => {
        const target = `${receiver.url}/echo`;
        const response = await allowingLoopback().stream(
          `${receiver.url}/redirect-to/302/${encodeURIComponent(target)}`,
        );

        expect(response).toMatchObject({ status: 201, url: target, method: 'GET', redirects: [target] });
        expect(JSON.parse((await readAll(response.body)).toString('utf8'))).toEqual({ method: 'GET', body: '' });
      });

      it('refuses addresses like request, at every hop, before any connection', async () => {
        const target = `${forbidden.url}/internal`;
        const error = await failure(
          allowingLoopback().stream(`${receiver.url}/redirect-to/302/${encodeURIComponent(target)}`),
        );
        const literal = await failure(client().stream(`${receiver.url}/echo`));

        expect(error).toMatchObject({ kind: 'address-refused', url: target });
        expect(literal.kind).toBe('address-refused');
        expect(forbidden.connections).toBe(0);
      });

      it('fails the body past the size cap, and a declared length past it at once', async () => {
        const streamed = await allowingLoopback().stream(`${receiver.url}/large`, { maxResponseBytes: 1024 });
        const declared = await failure(
          allowingLoopback().stream(`${receiver.url}/declared-large`, { maxResponseBytes: 1024 }),
        );

        expect(await failure(readAll(streamed.body))).toMatchObject({ kind: 'response-too-large', status: 200 });
        expect(declared).toMatchObject({ kind: 'response-too-large', status: 200 });
      });

      it('keeps the deadline running while the body streams', async () => {
        const response = await allowingLoopback().stream(`${receiver.url}/trickle`, { timeoutMs: 300 });

        expect(response.status).toBe(200);
        expect(await failure(readAll(response.body))).toMatchObject({ kind: 'timeout' });
      });
    });
  });
});
