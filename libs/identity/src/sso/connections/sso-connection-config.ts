import { X509Certificate } from 'node:crypto';
import type { FieldProblem } from '@quire/core';
import type { SsoKind, SsoPreset } from '../entities/sso-connection.entity';

/** A generic OpenID Connect provider, found by discovery from its issuer. */
export interface OidcConnectionConfig {
  issuer: string;
  clientId: string;
  scopes: string[];
}

/** Google and GitHub: Quire knows the endpoints and scopes; only the client is configured. */
export interface PresetConnectionConfig {
  clientId: string;
}

export interface SamlConnectionConfig {
  /** The IdP's single sign-on URL (HTTP-Redirect binding). */
  entryPoint: string;
  /** PEM certificates the IdP signs with (several during a rollover). */
  idpCert: string[];
  /** When set, the response's Issuer must be exactly this IdP entity id. */
  idpIssuer: string | null;
  /** Our entity id (the audience the IdP must name); null: Quire's default for this connection. */
  spEntityId: string | null;
  /** Attribute carrying the email; null: the usual names, then a NameID in email format. */
  emailAttribute: string | null;
  requireSignedResponse: boolean;
  requireSignedAssertion: boolean;
}

export type SsoConnectionConfig = OidcConnectionConfig | PresetConnectionConfig | SamlConnectionConfig;

export const DEFAULT_OIDC_SCOPES = ['openid', 'email', 'profile'];

const MAX_URL = 2048;
const MAX_TEXT = 1024;
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]{1,128}$/;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

export interface ConfigRules {
  /** Accept http:// URLs (loopback development and tests). */
  allowInsecureHttp: boolean;
}

/**
 * Checks and normalises a connection's `config` for its kind and preset. Every problem names its field
 * (`config.issuer`, …); unknown members are refused like everywhere else in the API.
 */
export function parseConnectionConfig(
  kind: SsoKind,
  preset: SsoPreset | null,
  raw: unknown,
  rules: ConfigRules,
): { config: SsoConnectionConfig | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { config: null, problems: [{ path: 'config', message: 'config must be an object' }] };
  }
  const input = raw as Record<string, unknown>;
  const reader = new FieldReader(input, problems, rules);
  let config: SsoConnectionConfig;
  if (kind === 'saml') {
    config = {
      entryPoint: reader.url('entryPoint', true)!,
      idpCert: reader.certificates('idpCert'),
      idpIssuer: reader.text('idpIssuer', false),
      spEntityId: reader.text('spEntityId', false),
      emailAttribute: reader.text('emailAttribute', false),
      requireSignedResponse: reader.boolean('requireSignedResponse', true),
      requireSignedAssertion: reader.boolean('requireSignedAssertion', true),
    };
    if (!config.requireSignedResponse && !config.requireSignedAssertion) {
      problems.push({
        path: 'config.requireSignedAssertion',
        message: 'at least one of requireSignedResponse and requireSignedAssertion must be true',
      });
    }
  } else if (preset) {
    config = { clientId: reader.text('clientId', true)! };
  } else {
    config = {
      issuer: reader.url('issuer', true, { query: false })!,
      clientId: reader.text('clientId', true)!,
      scopes: reader.scopes('scopes'),
    };
  }
  reader.refuseUnknown();
  return { config: problems.length ? null : config, problems };
}

class FieldReader {
  private readonly read = new Set<string>();

  constructor(
    private readonly input: Record<string, unknown>,
    private readonly problems: FieldProblem[],
    private readonly rules: ConfigRules,
  ) {}

  text(name: string, required: boolean): string | null {
    const value = this.take(name);
    if (value === undefined || value === null) {
      if (required) this.problem(name, `${name} is required`);
      return null;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(name, `${name} must be a non-empty string`);
      return null;
    }
    if (value.length > MAX_TEXT) {
      this.problem(name, `${name} must be at most ${MAX_TEXT} characters`);
      return null;
    }
    return value.trim();
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.take(name);
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.problem(name, `${name} must be true or false`);
      return fallback;
    }
    return value;
  }

  url(name: string, required: boolean, options: { query?: boolean } = {}): string | null {
    const value = this.text(name, required);
    if (value === null) return null;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      this.problem(name, `${name} must be an absolute URL`);
      return null;
    }
    const schemes = this.rules.allowInsecureHttp ? ['https:', 'http:'] : ['https:'];
    if (!schemes.includes(url.protocol)) {
      this.problem(name, `${name} must be an ${schemes.map((s) => s.slice(0, -1)).join(' or ')} URL`);
    } else if (url.username || url.password) {
      this.problem(name, `${name} must not carry credentials`);
    } else if (url.hash || (options.query === false && url.search)) {
      this.problem(name, `${name} must not have a ${url.hash ? 'fragment' : 'query'}`);
    } else if (value.length > MAX_URL) {
      this.problem(name, `${name} must be at most ${MAX_URL} characters`);
    } else {
      // Kept as typed: the provider's stated issuer is compared with it as a URL, final slash included.
      return value;
    }
    return null;
  }

  scopes(name: string): string[] {
    const value = this.take(name);
    if (value === undefined) return [...DEFAULT_OIDC_SCOPES];
    if (!Array.isArray(value) || value.length === 0 || value.length > 20) {
      this.problem(name, `${name} must be a list of 1 to 20 scopes`);
      return [];
    }
    const invalid = value.filter((scope) => typeof scope !== 'string' || !SCOPE.test(scope));
    if (invalid.length) {
      this.problem(name, `${name} must hold scope tokens (no spaces or quotes)`);
      return [];
    }
    const scopes = [...new Set(value as string[])];
    if (!scopes.includes('openid')) this.problem(name, `${name} must include "openid"`);
    return scopes;
  }

  /** One PEM string (one or more certificates), or a list of them; bare base64 bodies are accepted too. */
  certificates(name: string): string[] {
    const value = this.take(name);
    if (value === undefined || value === null || value === '') {
      this.problem(name, `${name} is required: the PEM certificate the identity provider signs with`);
      return [];
    }
    const items = Array.isArray(value) ? value : [value];
    if (items.length > 5 || items.some((item) => typeof item !== 'string' || item.length > 20_000)) {
      this.problem(name, `${name} must be a PEM certificate, or a list of at most 5`);
      return [];
    }
    const certificates: string[] = [];
    for (const item of items as string[]) {
      if (/PRIVATE KEY/.test(item)) {
        this.problem(name, `${name} must be the certificate, never a private key`);
        return [];
      }
      const blocks = [...item.matchAll(PEM_BLOCK)].map((match) => match[1]);
      const bodies = blocks.length ? blocks : [item];
      for (const body of bodies) {
        const pem = toPem(body);
        if (!pem) {
          this.problem(name, `${name} must be a PEM-encoded X.509 certificate`);
          return [];
        }
        certificates.push(pem);
      }
    }
    return certificates;
  }

  refuseUnknown(): void {
    for (const name of Object.keys(this.input)) {
      if (!this.read.has(name)) this.problem(name, `${name} is not a setting of this kind of connection`);
    }
  }

  private take(name: string): unknown {
    this.read.add(name);
    return this.input[name];
  }

  private problem(name: string, message: string): void {
    this.problems.push({ path: `config.${name}`, message });
  }
}

/** Normalised PEM of a certificate body (base64 with any whitespace), or null when it is not a certificate. */
function toPem(body: string): string | null {
  const base64 = body.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null;
  const pem = `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  try {
    new X509Certificate(pem);
    return pem;
  } catch {
    return null;
  }
}
