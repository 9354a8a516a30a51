import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  SAML,
  SamlStatusError,
  ValidateInResponseTo,
  type CacheItem,
  type CacheProvider,
  type Profile,
} from '@node-saml/node-saml';
import type { SamlConnectionConfig } from '../connections/sso-connection-config';
import type { SsoConnection } from '../entities/sso-connection.entity';
import type { SsoSignInState } from '../entities/sso-sign-in-state.entity';
import { SsoEmailUnverifiedError, SsoResponseInvalidError } from '../sso.errors';
import { SsoUrls } from '../sso-urls';
import { providerRefused } from './provider-failure';
import type { SsoIdentity } from './sso-identity';

const EMAIL_NAME_ID = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
/** Attribute names IdPs commonly put the address in (Entra ID, ADFS, Okta, Shibboleth, Google). */
const EMAIL_ATTRIBUTES = [
  'email',
  'mail',
  'emailAddress',
  'urn:oid:0.9.2342.19200300.100.1.3',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
];
const NAME_ATTRIBUTES = [
  'displayName',
  'name',
  'cn',
  'urn:oid:2.16.840.1.113730.3.1.241',
  'http://schemas.microsoft.com/identity/claims/displayname',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
];
/** Clocks of IdP and Quire may disagree a little; assertions are valid minutes, not seconds. */
const CLOCK_SKEW_MS = 60_000;

export interface SamlStart {
  url: string;
  requestId: string;
}

/**
 * SAML 2.0 Web Browser SSO through @node-saml/node-saml: an AuthnRequest by HTTP-Redirect, the Response by
 * HTTP-POST to the ACS. The Response must be signed with a configured IdP certificate (whole response and/or
 * assertion, per the connection), name our entity id as audience, be within its validity window, and answer
 * the AuthnRequest of this sign-in (InResponseTo, checked against the stored request id, never a process-local
 * cache). Unsolicited (IdP-initiated) responses are therefore refused.
 */
@Injectable()
export class SamlSignIn {
  private readonly logger = new Logger(SamlSignIn.name);

  constructor(private readonly urls: SsoUrls) {}

  async start(connection: SsoConnection, relayState: string): Promise<SamlStart> {
    // An xs:ID must not start with a digit.
    const requestId = `_${randomBytes(20).toString('hex')}`;
    const url = await this.saml(connection, requestId).getAuthorizeUrlAsync(relayState, undefined, {});
    return { url, requestId };
  }

  async finish(connection: SsoConnection, state: SsoSignInState, samlResponse: string): Promise<SsoIdentity> {
    const config = connection.config as SamlConnectionConfig;
    let profile: Profile | null;
    try {
      ({ profile } = await this.saml(connection, state.samlRequestId).validatePostResponseAsync({
        SAMLResponse: samlResponse,
      }));
    } catch (error) {
      if (error instanceof SamlStatusError) throw providerRefused(statusOf(error));
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`SAML response of connection ${connection.id} refused: ${message}`);
      throw new SsoResponseInvalidError(reasonOf(message));
    }
    if (!profile) throw new SsoResponseInvalidError('the response carries no assertion');

    const email = config.emailAttribute
      ? firstString(attribute(profile, config.emailAttribute))
      : (EMAIL_ATTRIBUTES.map((name) => firstString(attribute(profile, name))).find(Boolean) ??
        (profile.nameIDFormat === EMAIL_NAME_ID ? profile.nameID : undefined));
    if (!email || !email.includes('@')) throw new SsoEmailUnverifiedError();
    const displayName =
      NAME_ATTRIBUTES.map((name) => firstString(attribute(profile, name))).find(Boolean) ??
      ([firstString(attribute(profile, 'givenName')), firstString(attribute(profile, 'sn'))]
        .filter(Boolean)
        .join(' ') ||
        null);
    // The address is asserted by the IdP's signed assertion; the domain check decides whether it may be used.
    return { email: email.trim(), emailVerified: true, displayName: displayName?.trim() || null };
  }

  /** Our SP metadata, for the IdP's administrators: entity id, ACS URL, name id format. */
  metadata(connection: SsoConnection): string {
    return this.saml(connection, null).generateServiceProviderMetadata(null);
  }

  private saml(connection: SsoConnection, requestId: string | null): SAML {
    const config = connection.config as SamlConnectionConfig;
    const entityId = this.urls.samlEntityId(connection);
    return new SAML({
      entryPoint: config.entryPoint,
      issuer: entityId,
      audience: entityId,
      callbackUrl: this.urls.samlAcsUrl,
      idpCert: config.idpCert,
      idpIssuer: config.idpIssuer ?? undefined,
      wantAuthnResponseSigned: config.requireSignedResponse,
      wantAssertionsSigned: config.requireSignedAssertion,
      validateInResponseTo: ValidateInResponseTo.always,
      cacheProvider: new SingleRequestCache(requestId),
      generateUniqueId: () => requestId ?? `_${randomBytes(20).toString('hex')}`,
      identifierFormat: EMAIL_NAME_ID,
      acceptedClockSkewMs: CLOCK_SKEW_MS,
      // Asking for PasswordProtectedTransport makes IdPs that used MFA or Kerberos refuse the sign-in.
      disableRequestedAuthnContext: true,
    });
  }
}

/**
 * node-saml's InResponseTo check asks a cache for the request id and when it was issued. The id of this sign-in
 * comes from its state row (single use, shared by every instance): the only id this cache knows. Its age was
 * already checked when the state was taken (the state's own expiry), so it answers "issued now".
 */
class SingleRequestCache implements CacheProvider {
  constructor(private readonly requestId: string | null) {}

  async saveAsync(key: string, value: string): Promise<CacheItem | null> {
    return { value, createdAt: Date.now() };
  }

  async getAsync(key: string): Promise<string | null> {
    return this.requestId !== null && key === this.requestId ? new Date().toISOString() : null;
  }

  async removeAsync(key: string | null): Promise<string | null> {
    return key;
  }
}

function attribute(profile: Profile, name: string): unknown {
  const attributes = (profile as { attributes?: Record<string, unknown> }).attributes;
  return attributes?.[name] ?? profile[name];
}

function firstString(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() ? first : undefined;
}

/** The IdP's top-level status (`Responder`, `Requester`, …) from node-saml's message. */
function statusOf(error: SamlStatusError): string {
  return /returned (\w+) error/.exec(error.message)?.[1] ?? 'error';
}

/** A short reason for the problem detail; the full message goes to the log only. */
function reasonOf(message: string): string {
  if (/InResponseTo/i.test(message)) return 'it does not answer this sign-in’s request (InResponseTo)';
  if (/signature/i.test(message)) return 'the signature is missing or invalid';
  if (/audience/i.test(message)) return 'it is meant for another audience';
  // node-saml checks the subject confirmation's validity window (and recipient) before the conditions'.
  if (/expired|clock|NotBefore|NotOnOrAfter|subject confirmation/i.test(message)) {
    return 'the assertion is expired or not yet valid';
  }
  if (/issuer/i.test(message)) return 'it comes from an unexpected issuer';
  return 'it is malformed or unexpected';
}
