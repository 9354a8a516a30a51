import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface GithubTestUser {
  login: string;
  name: string | null;
  emails: Array<{ email: string; primary: boolean; verified: boolean }>;
}

interface IssuedCode {
  login: string;
  redirectUri: string;
  codeChallenge: string;
}

/**
 * Speaks GitHub's OAuth web flow and the two REST endpoints Quire reads, on a loopback port. There is no GitHub
 * emulator on npm, so this reproduces the documented shapes: /login/oauth/authorize (the user is taken as
 * already signed in at GitHub and approving: straight back with a code), /login/oauth/access_token (client
 * secret in the form body, PKCE S256 checked, codes single use, and GitHub's habit of answering errors with
 * 200 and an `error` member), /api/user and /api/user/emails with the access token.
 */
export class SsoGithub {
  readonly users = new Map<string, GithubTestUser>();
  /** The GitHub account signed in in the browser. */
  signedIn = '';
  private readonly codes = new Map<string, IssuedCode>();
  private readonly tokens = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly client: { clientId: string; clientSecret: string },
  ) {}

  static async start(client: { clientId: string; clientSecret: string }): Promise<SsoGithub> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const github = new SsoGithub(server, `http://127.0.0.1:${port}`, client);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void github.handle(request, response));
    return github;
  }

  get apiUrl(): string {
    return `${this.url}/api`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    if (request.method === 'GET' && url.pathname === '/login/oauth/authorize') return this.authorize(url, response);
    if (request.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      return this.accessToken(new URLSearchParams(await body(request)), response);
    }
    if (request.method === 'GET' && (url.pathname === '/api/user' || url.pathname === '/api/user/emails')) {
      const login = this.tokens.get(/^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');
      const user = login ? this.users.get(login) : undefined;
      if (!user || !request.headers['user-agent']) return json(response, 401, { message: 'Bad credentials' });
      return url.pathname === '/api/user'
        ? json(response, 200, { login: user.login, id: 1, name: user.name })
        : json(
            response,
            200,
            user.emails.map((email) => ({ ...email, visibility: 'private' })),
          );
    }
    json(response, 404, { message: 'Not Found' });
  }

  private authorize(url: URL, response: ServerResponse): void {
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    if (
      url.searchParams.get('client_id') !== this.client.clientId ||
      url.searchParams.get('code_challenge_method') !== 'S256'
    ) {
      return json(response, 400, { message: 'bad authorize request' });
    }
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, {
      login: this.signedIn,
      redirectUri,
      codeChallenge: url.searchParams.get('code_challenge') ?? '',
    });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    response.writeHead(302, { location: back.href }).end();
  }

  private accessToken(form: URLSearchParams, response: ServerResponse): void {
    const issued = this.codes.get(form.get('code') ?? '');
    this.codes.delete(form.get('code') ?? '');
    const challenge = createHash('sha256')
      .update(form.get('code_verifier') ?? '')
      .digest('base64url');
    if (form.get('client_id') !== this.client.clientId || form.get('client_secret') !== this.client.clientSecret) {
      return json(response, 200, { error: 'incorrect_client_credentials' });
    }
    if (!issued || issued.redirectUri !== form.get('redirect_uri') || issued.codeChallenge !== challenge) {
      return json(response, 200, { error: 'bad_verification_code' });
    }
    const token = `gho_${randomBytes(16).toString('hex')}`;
    this.tokens.set(token, issued.login);
    json(response, 200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
  }
}

function json(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
