import * as oidc from 'openid-client';
import { SsoProviderRefusedError, SsoProviderUnavailableError, SsoResponseInvalidError } from '../sso.errors';

/** Problem codes from the identity provider are echoed only when they look like one (RFC 6749 error codes). */
const ERROR_CODE = /^[\x20-\x21\x23-\x5B\x5D-\x7E]{1,64}$/;

export function providerRefused(error: unknown): SsoProviderRefusedError {
  return new SsoProviderRefusedError(typeof error === 'string' && ERROR_CODE.test(error) ? error : 'error');
}

/**
 * Maps what openid-client throws to our problems: an OAuth error from the token endpoint or a failed check
 * (state, nonce, issuer, audience, signature, expiry) is the response's fault (401); a network failure, a
 * timeout or a non-conforming answer is the provider's availability (502).
 */
export function oauthFailure(error: unknown): Error {
  if (error instanceof oidc.AuthorizationResponseError) return providerRefused(error.error);
  if (error instanceof oidc.ResponseBodyError) return tokenEndpointRefused(error.error);
  // A 401 with WWW-Authenticate: the provider refused our client credentials (invalid_client).
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    const challenge = (error.cause as Array<{ parameters?: { error?: string } }> | undefined)?.[0];
    return tokenEndpointRefused(challenge?.parameters?.error ?? 'invalid_client');
  }
  if (error instanceof oidc.ClientError) {
    switch (error.code) {
      case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
      case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
        return new SsoResponseInvalidError(`a claim did not match what was expected (${claimOf(error)})`);
      case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
        return new SsoResponseInvalidError('the ID token is expired or not yet valid');
      case 'OAUTH_INVALID_RESPONSE':
      case 'OAUTH_KEY_SELECTION_FAILED':
      case 'OAUTH_PARSE_ERROR':
        return new SsoResponseInvalidError('the response is malformed or its signature is invalid');
    }
  }
  return new SsoProviderUnavailableError();
}

function tokenEndpointRefused(code: unknown): SsoResponseInvalidError {
  return new SsoResponseInvalidError(
    `the token endpoint answered "${providerRefused(code).extensions?.providerError}"`,
  );
}

/** openid-client wraps oauth4webapi's error, whose cause names the claim or attribute that failed. */
function claimOf(error: oidc.ClientError): string {
  type Named = { claim?: unknown; attribute?: unknown; cause?: Named };
  for (let cause = (error as { cause?: Named }).cause; cause; cause = cause.cause) {
    const name = cause.claim ?? cause.attribute;
    if (typeof name === 'string') return name;
  }
  return 'unknown';
}
