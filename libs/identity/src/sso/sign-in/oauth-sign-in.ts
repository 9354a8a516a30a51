import { Injectable } from '@nestjs/common';
import { InjectPluginOptions } from '@quire/core';
import * as oidc from 'openid-client';
import type { IdentityOptions } from '../../identity.options';
import type { OidcConnectionConfig, PresetConnectionConfig } from '../connections/sso-connection-config';
import type { SsoConnection } from '../entities/sso-connection.entity';
import type { SsoSignInState } from '../entities/sso-sign-in-state.entity';
import { SsoEmailUnverifiedError, SsoProviderUnavailableError, SsoResponseInvalidError } from '../sso.errors';
import { ssoSettings, type SsoSettings } from '../sso.options';
import { SsoSecrets } from '../sso-secrets';
import { SsoUrls } from '../sso-urls';
import { GithubProfile } from './github-profile';
import { oauthFailure, providerRefused } from './provider-failure';
import type { SsoIdentity } from './sso-identity';

/** Discovered provider metadata is reused this long (and dropped when the connection changes). */
const DISCOVERY_TTL_MS = 10 * 60_000;
const TIMEOUT_SECONDS = 10;
const GOOGLE_SCOPES = ['openid', 'email', 'profile'];
const GITHUB_SCOPES = ['read:user', 'user:email'];

export interface OAuthStart {
  url: string;
  /** OIDC only: GitHub is plain OAuth 2.0 and issues no ID token. */
  nonce: string | null;
  codeVerifier: string;
}

interface CachedConfiguration {
  version: string;
  expiresAt: number;
  configuration: Promise<oidc.Configuration>;
}

/**
 * The authorization code flow with PKCE (S256), through openid-client: generic OpenID Connect providers and
 * Google by discovery, with state and nonce checked; GitHub (OAuth 2.0, not OIDC) with its fixed endpoints,
 * its profile and verified primary email read from its REST API.
 */
@Injectable()
export class OAuthSignIn {
  private readonly settings: SsoSettings;
  private readonly configurations = new Map<string, CachedConfiguration>();

  constructor(
    private readonly secrets: SsoSecrets,
    private readonly urls: SsoUrls,
    private readonly github: GithubProfile,
    @InjectPluginOptions('identity') options: IdentityOptions,
  ) {
    this.settings = ssoSettings(options.sso);
  }

  async start(connection: SsoConnection, stateToken: string): Promise<OAuthStart> {
    const configuration = await this.configuration(connection);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const nonce = connection.preset === 'github' ? null : oidc.randomNonce();
    const parameters: Record<string, string> = {
      redirect_uri: this.urls.oidcRedirectUri,
      scope: this.scopes(connection).join(' '),
      state: stateToken,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    };
    if (nonce) parameters.nonce = nonce;
    return { url: oidc.buildAuthorizationUrl(configuration, parameters).href, nonce, codeVerifier };
  }

  /**
   * Checks the authorization response (state, issuer when the provider names it), redeems the code with the
   * PKCE verifier, validates the ID token (signature, issuer, audience, expiry, nonce), and reads the identity.
   */
  async finish(
    connection: SsoConnection,
    state: SsoSignInState,
    stateToken: string,
    query: Record<string, string>,
  ): Promise<SsoIdentity> {
    if (query.error !== undefined) throw providerRefused(query.error);
    const configuration = await this.configuration(connection);
    const currentUrl = new URL(this.urls.oidcRedirectUri);
    for (const [name, value] of Object.entries(query)) currentUrl.searchParams.set(name, value);

    const github = connection.preset === 'github';
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: state.codeVerifier ?? undefined,
        expectedState: stateToken,
        ...(github ? {} : { expectedNonce: state.nonce ?? undefined, idTokenExpected: true }),
      });
    } catch (error) {
      throw oauthFailure(error);
    }
    if (github) return this.github.identity(tokens.access_token);
    return this.oidcIdentity(configuration, tokens);
  }

  /** ID token claims first; the UserInfo endpoint when the provider keeps email there (signed, same subject). */
  private async oidcIdentity(
    configuration: oidc.Configuration,
    tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>,
  ): Promise<SsoIdentity> {
    const claims = tokens.claims();
    if (!claims) throw new SsoResponseInvalidError('no ID token was issued');
    let profile: Record<string, unknown> = claims;
    if (typeof claims.email !== 'string' || claims.email_verified === undefined) {
      if (!configuration.serverMetadata().userinfo_endpoint) throw new SsoEmailUnverifiedError();
      try {
        // UserInfo must answer for the ID token's subject (checked); the ID token's own claims take precedence.
        profile = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)), ...claims };
      } catch (error) {
        throw oauthFailure(error);
      }
    }
    const email = profile.email;
    if (typeof email !== 'string' || !email.includes('@')) throw new SsoEmailUnverifiedError();
    const verified = profile.email_verified;
    return {
      email: email.trim(),
      // Some providers send the string "true".
      emailVerified: verified === true || verified === 'true',
      displayName: displayNameOf(profile),
    };
  }

  private scopes(connection: SsoConnection): string[] {
    if (connection.preset === 'github') return GITHUB_SCOPES;
    if (connection.preset === 'google') return GOOGLE_SCOPES;
    return (connection.config as OidcConnectionConfig).scopes;
  }

  /** The provider's configuration, discovered once per connection version and reused for a while. */
  private configuration(connection: SsoConnection): Promise<oidc.Configuration> {
    const version = `${connection.updatedAt.getTime()}`;
    const cached = this.configurations.get(connection.id);
    if (cached && cached.version === version && cached.expiresAt > Date.now()) return cached.configuration;
    const configuration = this.build(connection);
    const entry = { version, expiresAt: Date.now() + DISCOVERY_TTL_MS, configuration };
    this.configurations.set(connection.id, entry);
    // A failed discovery is not remembered: the next sign-in tries again.
    configuration.catch(() => {
      if (this.configurations.get(connection.id) === entry) this.configurations.delete(connection.id);
    });
    return configuration;
  }

  private async build(connection: SsoConnection): Promise<oidc.Configuration> {
    const secret = this.secrets.open(connection);
    const { clientId } = connection.config as PresetConnectionConfig;
    const insecure = this.settings.allowInsecureHttp;
    if (connection.preset === 'github') {
      const web = this.settings.presets.github.webUrl;
      const server = {
        issuer: web,
        authorization_endpoint: `${web}/login/oauth/authorize`,
        token_endpoint: `${web}/login/oauth/access_token`,
      };
      const configuration = new oidc.Configuration(server, clientId, secret, oidc.ClientSecretPost(secret));
      configuration[oidc.customFetch] = githubTokenFetch;
      return this.tuned(configuration, insecure);
    }
    const issuer =
      connection.preset === 'google'
        ? this.settings.presets.google.issuer
        : (connection.config as OidcConnectionConfig).issuer;
    let discovered: oidc.Configuration;
    try {
      discovered = await oidc.discovery(new URL(issuer), clientId, secret, oidc.ClientSecretBasic(secret), {
        execute: insecure ? [oidc.allowInsecureRequests] : [],
        timeout: TIMEOUT_SECONDS,
      });
    } catch {
      throw new SsoProviderUnavailableError();
    }
    // client_secret_basic is OIDC's default; a provider that takes only client_secret_post gets that.
    const methods = discovered.serverMetadata().token_endpoint_auth_methods_supported;
    if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
      const post = new oidc.Configuration(discovered.serverMetadata(), clientId, secret, oidc.ClientSecretPost(secret));
      return this.tuned(post, insecure);
    }
    return discovered;
  }

  private tuned(configuration: oidc.Configuration, insecure: boolean): oidc.Configuration {
    if (insecure) oidc.allowInsecureRequests(configuration);
    configuration.timeout = TIMEOUT_SECONDS;
    return configuration;
  }
}

/**
 * GitHub answers token-endpoint errors (a used code, wrong client credentials) with status 200 and an `error`
 * member; as a 400 they are read as the OAuth errors they are, like any other provider's.
 */
async function githubTokenFetch(url: string, options: oidc.CustomFetchOptions): Promise<Response> {
  const response = await fetch(url, options as RequestInit);
  if (response.status !== 200 || !new URL(url).pathname.endsWith('/login/oauth/access_token')) return response;
  const body = await response.text();
  let failed = false;
  try {
    failed = typeof (JSON.parse(body) as { error?: unknown }).error === 'string';
  } catch {
    // Not JSON: left to openid-client, which refuses it.
  }
  return new Response(body, { status: failed ? 400 : 200, headers: response.headers });
}

function displayNameOf(claims: Record<string, unknown>): string | null {
  for (const key of ['name', 'preferred_username', 'given_name', 'nickname']) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}
