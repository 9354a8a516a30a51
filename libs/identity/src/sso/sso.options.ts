import type { JsonSchema } from '@quire/core';

/** How an installation configures single sign-on (`IdentityPlugin.with({ sso: {...} })`); every member optional. */
export interface SsoOptions {
  /** Off: every SSO sign-in answers 403 identity.sign-in-method-disabled (admin endpoints still work). */
  enabled?: boolean;
  /**
   * DNS servers asked for domain-verification TXT records, as `ip` or `ip:port` (`[v6]:port`). Default: the
   * system's resolvers.
   */
  dnsServers?: string[];
  /**
   * Accept `http://` identity-provider URLs (OIDC issuer, SAML entry point, preset endpoints). For loopback
   * development and tests only: tokens and assertions would travel in clear.
   */
  allowInsecureHttp?: boolean;
  /** How long a started sign-in may take at the identity provider, in seconds. */
  stateTtlSeconds?: number;
  /** Where the presets' providers live; overridable so tests and proxies can point elsewhere. */
  presets?: {
    google?: { issuer?: string };
    github?: { webUrl?: string; apiUrl?: string };
  };
}

/** SsoOptions with every default filled in. */
export interface SsoSettings {
  enabled: boolean;
  dnsServers: string[] | null;
  allowInsecureHttp: boolean;
  stateTtlSeconds: number;
  presets: { google: { issuer: string }; github: { webUrl: string; apiUrl: string } };
}

export function ssoSettings(options: SsoOptions | undefined): SsoSettings {
  return {
    enabled: options?.enabled ?? true,
    dnsServers: options?.dnsServers?.length ? options.dnsServers : null,
    allowInsecureHttp: options?.allowInsecureHttp ?? false,
    stateTtlSeconds: options?.stateTtlSeconds ?? 600,
    presets: {
      google: { issuer: trimSlash(options?.presets?.google?.issuer ?? 'https://accounts.google.com') },
      github: {
        webUrl: trimSlash(options?.presets?.github?.webUrl ?? 'https://github.com'),
        apiUrl: trimSlash(options?.presets?.github?.apiUrl ?? 'https://api.github.com'),
      },
    },
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

const httpUrl = { type: 'string', pattern: '^https?://' } as const;

export const ssoOptionsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    dnsServers: { type: 'array', items: { type: 'string', minLength: 2, maxLength: 64 }, maxItems: 8 },
    allowInsecureHttp: { type: 'boolean' },
    stateTtlSeconds: { type: 'integer', minimum: 60, maximum: 3600 },
    presets: {
      type: 'object',
      additionalProperties: false,
      properties: {
        google: { type: 'object', additionalProperties: false, properties: { issuer: httpUrl } },
        github: {
          type: 'object',
          additionalProperties: false,
          properties: { webUrl: httpUrl, apiUrl: httpUrl },
        },
      },
    },
  },
};
