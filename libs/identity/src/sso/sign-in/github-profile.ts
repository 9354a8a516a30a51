import { Injectable } from '@nestjs/common';
import { InjectPluginOptions } from '@quire/core';
import type { IdentityOptions } from '../../identity.options';
import { SsoEmailUnverifiedError, SsoProviderUnavailableError } from '../sso.errors';
import { ssoSettings } from '../sso.options';
import type { SsoIdentity } from './sso-identity';

interface GithubUser {
  login?: string;
  name?: string | null;
}

interface GithubEmail {
  email?: string;
  primary?: boolean;
  verified?: boolean;
}

/**
 * GitHub is OAuth 2.0 without OpenID Connect: no ID token, so the account's identity comes from its REST API,
 * `GET /user` (name) and `GET /user/emails` (the primary address, which must be verified).
 */
@Injectable()
export class GithubProfile {
  private readonly apiUrl: string;

  constructor(@InjectPluginOptions('identity') options: IdentityOptions) {
    this.apiUrl = ssoSettings(options.sso).presets.github.apiUrl;
  }

  async identity(accessToken: string): Promise<SsoIdentity> {
    const [user, emails] = await Promise.all([
      this.get<GithubUser>('/user', accessToken),
      this.get<GithubEmail[]>('/user/emails', accessToken),
    ]);
    const primary = Array.isArray(emails) ? emails.find((entry) => entry.primary === true) : undefined;
    if (!primary || typeof primary.email !== 'string' || primary.verified !== true) {
      throw new SsoEmailUnverifiedError();
    }
    const name = user.name?.trim() || user.login?.trim() || null;
    return { email: primary.email.trim(), emailVerified: true, displayName: name };
  }

  private async get<T>(path: string, accessToken: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.apiUrl}${path}`, {
        headers: {
          Authorization: `Bearer ${accessToken}`,
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          // GitHub's API refuses requests without a User-Agent.
          'User-Agent': 'Quire',
        },
        redirect: 'error',
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new SsoProviderUnavailableError();
    }
    if (!response.ok) throw new SsoProviderUnavailableError();
    try {
      return (await response.json()) as T;
    } catch {
      throw new SsoProviderUnavailableError();
    }
  }
}
