import { QuireError } from '@quire/core';

export type SsoErrorCode =
  | 'identity.sso-connection-not-found'
  | 'identity.sso-connection-disabled'
  | 'identity.sso-domain-not-found'
  | 'identity.sso-domain-exists'
  | 'identity.sso-domain-claimed'
  | 'identity.sso-domain-verification-failed'
  | 'identity.sso-dns-unavailable'
  | 'identity.sso-state-invalid'
  | 'identity.sso-provider-refused'
  | 'identity.sso-response-invalid'
  | 'identity.sso-provider-unavailable'
  | 'identity.sso-email-unverified'
  | 'identity.sso-domain-not-verified'
  | 'identity.sso-account-closed'
  | 'identity.sso-jit-unavailable'
  | 'identity.sign-in-method-disabled';

/** Unknown id, or a connection of another workspace: the same 404, so ids of other tenants are not confirmed. */
export class SsoConnectionNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'identity.sso-connection-not-found' satisfies SsoErrorCode,
      status: 404,
      title: 'SSO connection not found',
      detail: `No SSO connection ${id}.`,
    });
  }
}

export class SsoConnectionDisabledError extends QuireError {
  constructor() {
    super({
      code: 'identity.sso-connection-disabled' satisfies SsoErrorCode,
      status: 403,
      title: 'SSO connection disabled',
      detail: 'This single sign-on connection is turned off by the workspace administrators.',
    });
  }
}

export class SsoDisabledError extends QuireError {
  constructor() {
    super({
      code: 'identity.sign-in-method-disabled' satisfies SsoErrorCode,
      status: 403,
      title: 'Sign-in method disabled',
      detail: 'Sign-in with sso is turned off on this installation.',
      extensions: { method: 'sso' },
    });
  }
}

export class SsoDomainNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'identity.sso-domain-not-found' satisfies SsoErrorCode,
      status: 404,
      title: 'SSO domain not found',
      detail: `No SSO domain ${id} in this workspace.`,
    });
  }
}

export class SsoDomainExistsError extends QuireError {
  constructor(domain: string) {
    super({
      code: 'identity.sso-domain-exists' satisfies SsoErrorCode,
      status: 409,
      title: 'Domain already added',
      detail: `${domain} is already one of this workspace's SSO domains.`,
      extensions: { domain },
    });
  }
}

/** A domain is verified for one workspace at most: whoever proved control of it first holds it. */
export class SsoDomainClaimedError extends QuireError {
  constructor(domain: string) {
    super({
      code: 'identity.sso-domain-claimed' satisfies SsoErrorCode,
      status: 409,
      title: 'Domain verified by another workspace',
      detail: `${domain} is already verified by another workspace; it must remove the domain first.`,
      extensions: { domain },
    });
  }
}

export type DomainVerificationFailure = 'record-not-found' | 'token-mismatch';

export class SsoDomainVerificationFailedError extends QuireError {
  constructor(domain: string, reason: DomainVerificationFailure, recordName: string) {
    super({
      code: 'identity.sso-domain-verification-failed' satisfies SsoErrorCode,
      status: 422,
      title: 'Domain not verified',
      detail:
        reason === 'record-not-found'
          ? `No TXT record ${recordName} was found; publish it and try again (DNS changes can take a while).`
          : `The TXT records of ${recordName} do not hold this domain's verification token.`,
      extensions: { domain, reason, recordName },
    });
  }
}

export class SsoDnsUnavailableError extends QuireError {
  constructor(domain: string) {
    super({
      code: 'identity.sso-dns-unavailable' satisfies SsoErrorCode,
      status: 502,
      title: 'DNS lookup failed',
      detail: `The DNS servers did not answer for ${domain}; try again later.`,
      extensions: { domain },
    });
  }
}

/**
 * The callback does not continue a sign-in this browser started: unknown, expired or already used state, or
 * the browser-binding cookie is missing or belongs to another browser (login CSRF, replay).
 */
export class SsoStateInvalidError extends QuireError {
  constructor() {
    super({
      code: 'identity.sso-state-invalid' satisfies SsoErrorCode,
      status: 400,
      title: 'Sign-in expired or not started here',
      detail: 'This single sign-on response does not match a sign-in started in this browser; start again.',
    });
  }
}

/** The identity provider answered with an error (the user cancelled, the client is misconfigured, …). */
export class SsoProviderRefusedError extends QuireError {
  constructor(providerError: string) {
    super({
      code: 'identity.sso-provider-refused' satisfies SsoErrorCode,
      status: 401,
      title: 'Identity provider refused the sign-in',
      detail: `The identity provider answered "${providerError}".`,
      extensions: { providerError },
    });
  }
}

/** The response failed validation: signature, audience, issuer, expiry, nonce, PKCE, InResponseTo, … */
export class SsoResponseInvalidError extends QuireError {
  constructor(reason: string) {
    super({
      code: 'identity.sso-response-invalid' satisfies SsoErrorCode,
      status: 401,
      title: 'Identity provider response rejected',
      detail: `The identity provider's response failed validation: ${reason}`,
    });
  }
}

export class SsoProviderUnavailableError extends QuireError {
  constructor() {
    super({
      code: 'identity.sso-provider-unavailable' satisfies SsoErrorCode,
      status: 502,
      title: 'Identity provider unavailable',
      detail: 'The identity provider could not be reached or answered unexpectedly; try again later.',
    });
  }
}

export class SsoEmailUnverifiedError extends QuireError {
  constructor() {
    super({
      code: 'identity.sso-email-unverified' satisfies SsoErrorCode,
      status: 403,
      title: 'Email not verified by the identity provider',
      detail: 'The identity provider did not assert a verified email address for this account.',
    });
  }
}

export class SsoDomainNotVerifiedError extends QuireError {
  constructor(domain: string) {
    super({
      code: 'identity.sso-domain-not-verified' satisfies SsoErrorCode,
      status: 403,
      title: 'Email domain not verified for this workspace',
      detail: `Addresses at ${domain} may not sign in through this workspace's single sign-on.`,
      extensions: { domain },
    });
  }
}

export class SsoAccountClosedError extends QuireError {
  /** For the audit event only; not part of the problem sent to the client. */
  constructor(readonly userId: string) {
    super({
      code: 'identity.sso-account-closed' satisfies SsoErrorCode,
      status: 403,
      title: 'Account closed',
      detail: 'The account of this email address is closed.',
    });
  }
}

/** The user is not a member and no loaded plugin can add members just in time (no workspaces plugin). */
export class SsoJitUnavailableError extends QuireError {
  constructor() {
    super({
      code: 'identity.sso-jit-unavailable' satisfies SsoErrorCode,
      status: 409,
      title: 'Cannot add members just in time',
      detail:
        'You are not a member of this workspace, and this installation has no plugin that adds members on ' +
        'single sign-on; ask an administrator to invite you.',
    });
  }
}
