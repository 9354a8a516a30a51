import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { type OidcAccount } from 'oidc-provider';

export interface OidcTestAccount {
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface OidcTestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/**
 * A real OpenID provider (npm oidc-provider) on a loopback port: one confidential client, accounts the test
 * controls (their claims read at sign-in), RS256 ID tokens, PKCE required, and the provider's development login
 * and consent pages, which the test's browser fills in like a user. ID tokens carry only `sub` (the provider's
 * default), so email and email_verified come from its UserInfo endpoint.
 */
export class SsoOidcProvider {
  /** Login name (the account id typed on the login page) → claims. */
  readonly accounts = new Map<string, OidcTestAccount>();

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async start(client: OidcTestClient): Promise<SsoOidcProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const instance = new SsoOidcProvider(server, `http://127.0.0.1:${port}`);
    const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const provider = new Provider(instance.issuer, {
      clients: [
        {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uris: [client.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      findAccount: (_context: unknown, id: string): OidcAccount | undefined => {
        const account = instance.accounts.get(id);
        if (!account) return undefined;
        return {
          accountId: id,
          claims: () => ({ sub: id, email: account.email, email_verified: account.emailVerified, name: account.name }),
        };
      },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
    });
    server.on('request', provider.callback());
    return instance;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
