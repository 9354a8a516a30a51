import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { until, type TestApp } from '@quire/testing';
import { WorkspacesResolver } from '@quire/workspaces';

export interface Account {
  userId: string;
  email: string;
  token: string;
}

export interface Workspace {
  id: string;
  slug: string;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${counter++}`;
export const bearer = (account: Account) => ({ Authorization: `Bearer ${account.token}` });

export async function signUp(sut: TestApp, stem = 'hook'): Promise<Account> {
  const email = `${stem}-${unique()}@example.com`;
  const response = await sut.http
    .post('/api/v1/auth/sign-up')
    .set('X-Forwarded-For', `198.51.100.${(counter % 250) + 1}`)
    .send({ email, password: 'correct horse battery staple 42', displayName: 'Hook Tester' })
    .expect(201);
  return { userId: response.body.user.id, email, token: response.body.accessToken };
}

export async function newWorkspace(sut: TestApp, owner: Account): Promise<Workspace> {
  const slug = `hooks-${unique()}`;
  const response = await sut.http
    .post('/api/v1/workspaces')
    .set(bearer(owner))
    .send({ name: 'Hooks Inc', slug })
    .expect(201);
  return { id: response.body.id, slug };
}

export async function member(sut: TestApp, workspace: Workspace, role: string): Promise<Account> {
  const account = await signUp(sut, role);
  await sut.app.get(WorkspacesResolver).ensureMember(workspace.id, account.userId, 'viewer');
  await sut.dataSource.query(`UPDATE workspace_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2`, [
    workspace.id,
    account.userId,
    role,
  ]);
  return account;
}

/** A request as the receiver got it: the raw body, as a signature check needs it. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  json: Record<string, unknown>;
}

/** How the receiver answers the n-th request (0-based) to a path. */
export type Behaviour = (
  index: number,
) => { status: number; body?: string; headers?: Record<string, string> } | 'hang' | 'large';

/**
 * A real HTTP receiver on a loopback address. Each test registers its own path and behaviour; requests are kept per
 * path, connections counted (a refused delivery must open none).
 */
export interface Receiver {
  url: string;
  connections: number;
  on(path: string, behaviour: Behaviour): string;
  requests(path: string): ReceivedRequest[];
  close(): Promise<void>;
}

export async function startReceiver(host = '127.0.0.1'): Promise<Receiver> {
  const behaviours = new Map<string, Behaviour>();
  const received = new Map<string, ReceivedRequest[]>();
  const sockets = new Set<Socket>();
  const answer = (response: ServerResponse, behaviour: ReturnType<Behaviour>) => {
    if (behaviour === 'hang') return;
    if (behaviour === 'large') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 64; i++) response.write('y'.repeat(1024));
      return response.end();
    }
    response.writeHead(behaviour.status, { 'content-type': 'text/plain', ...behaviour.headers });
    response.end(behaviour.body ?? '');
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0];
      const rawBody = Buffer.concat(chunks);
      const list = received.get(path) ?? [];
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
      } catch {
        // not JSON: left empty
      }
      list.push({ path, headers: request.headers, rawBody, json });
      received.set(path, list);
      answer(response, (behaviours.get(path) ?? (() => ({ status: 404 })))(list.length - 1));
    });
  });
  const state: Receiver = {
    url: '',
    connections: 0,
    on(path, behaviour) {
      behaviours.set(path, behaviour);
      return `${state.url}${path}`;
    },
    requests: (path) => received.get(path) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket: Socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  state.url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return state;
}

export type SignatureVerifier = (
  secret: string,
  header: unknown,
  rawBody: Buffer | string,
  tolerance?: number,
) => unknown;

/**
 * The signature check exactly as docs/webhooks.md shows it (between its verify-signature markers), so the documented
 * code is what the tests run and cannot rot.
 */
export function verifierFromDocs(): SignatureVerifier {
  const doc = readFileSync(join(__dirname, '../../../docs/webhooks.md'), 'utf8');
  const block = /<!-- verify-signature:start -->\s*```js\n([\s\S]*?)```\s*<!-- verify-signature:end -->/.exec(doc);
  if (!block) throw new Error('docs/webhooks.md has no verify-signature snippet');
  return runInNewContext(`${block[1]}\nverifyQuireSignature;`, { require, Buffer }) as SignatureVerifier;
}

export interface DeliveryView {
  id: string;
  webhookId: string;
  event: string;
  eventId: string;
  status: string;
  attemptCount: number;
  maxAttempts: number;
  lastStatus: number | null;
  lastError: string | null;
  replayOf: string | null;
}

export interface DeliveryDetail extends DeliveryView {
  payload: Record<string, unknown>;
  attempts: Array<{
    attempt: number;
    startedAt: string;
    durationMs: number;
    url: string;
    responseStatus: number | null;
    responseExcerpt: string | null;
    error: string | null;
    outcome: string;
  }>;
}

/** The helpers that speak to one workspace's webhooks as its owner. */
export function webhookApi(sut: TestApp, workspace: Workspace, owner: Account) {
  const base = `/api/v1/workspaces/${workspace.slug}/webhooks`;
  const deliveries = async (webhookId: string, query = ''): Promise<DeliveryView[]> =>
    (await sut.http.get(`${base}/${webhookId}/deliveries${query}`).set(bearer(owner)).expect(200)).body.data;
  return {
    base,
    async create(body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
      const response = await sut.http.post(base).set(bearer(owner)).send(body).expect(201);
      return response.body;
    },
    deliveries,
    async delivery(webhookId: string, id: string): Promise<DeliveryDetail> {
      return (await sut.http.get(`${base}/${webhookId}/deliveries/${id}`).set(bearer(owner)).expect(200)).body;
    },
    /** Waits until the webhook has `count` deliveries matching `done` and answers them, oldest first. */
    async settled(
      webhookId: string,
      count = 1,
      done: (d: DeliveryView) => boolean = (d) => ['succeeded', 'dead', 'cancelled'].includes(d.status),
    ): Promise<DeliveryView[]> {
      let found: DeliveryView[] = [];
      await until(async () => {
        found = (await deliveries(webhookId, '?sort=createdAt')).filter(done);
        return found.length >= count;
      }, `webhook ${webhookId} has ${count} finished deliveries`);
      return found;
    },
  };
}

/** A content type and an entry in it, through the API, as an editor would make them. */
export function contentHelpers(sut: TestApp, workspace: Workspace, owner: Account) {
  const ws = `/api/v1/workspaces/${workspace.slug}`;
  return {
    async type(apiId: string): Promise<void> {
      await sut.http
        .post(`${ws}/content-types`)
        .set(bearer(owner))
        .send({ apiId, kind: 'collection', name: apiId, fields: [{ name: 'title', type: 'text' }] })
        .expect(201);
    },
    async entry(apiId: string, title: string): Promise<string> {
      const response = await sut.http
        .post(`${ws}/content-types/${apiId}/entries`)
        .set(bearer(owner))
        .send({ data: { title } })
        .expect(201);
      return response.body.id as string;
    },
    async publish(entryId: string): Promise<void> {
      await sut.http.post(`${ws}/entries/${entryId}/locales/en/publish`).set(bearer(owner)).expect(200);
    },
  };
}
