import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectPluginOptions, QUIRE_CONFIG, resolveSecretKey, type QuireConfig } from '@quire/core';
import { errors as joseErrors, jwtVerify, SignJWT, type CompactJWSHeaderParameters, type JWTPayload } from 'jose';
import type { IdentityOptions } from '../identity.options';
import { deriveAccessTokenKey, type AccessTokenKey } from './access-token-key';

export const ACCESS_TOKEN_ISSUER = 'quire';
export const ACCESS_TOKEN_AUDIENCE = 'quire-api';
/** RFC 9068 media type: a JWT of another kind (ID token, some future link token) is never taken for an access token. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** Tolerated clock skew between API instances, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** Far above any token we issue (~300 bytes): bigger input is refused before any crypto work. */
const MAX_TOKEN_LENGTH = 4096;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccessTokenClaims {
  /** User id. */
  sub: string;
  /** Session id: the authenticator checks that this session is still active. */
  sid: string;
  iat: number;
  exp: number;
  /** Impersonator (platform administrator) id, on impersonation sessions only. */
  imp?: string;
}

export interface AccessTokenSubject {
  userId: string;
  sessionId: string;
  impersonatorId?: string | null;
}

export interface SignedAccessToken {
  token: string;
  expiresAt: Date;
}

/**
 * Short-lived JWTs (HS256) that say which user and session a request comes from. They are not the authority on
 * whether the session is alive: SessionStrategy checks that against the database on every request, so a
 * revoked session's token is refused at once, not at `exp`.
 */
@Injectable()
export class AccessTokenService {
  private readonly logger = new Logger(AccessTokenService.name);
  private readonly current: AccessTokenKey;
  /** Current key and keys derived from QUIRE_SECRET_KEYS_PREVIOUS, by kid: a key rotation does not sign everyone out. */
  private readonly verificationKeys = new Map<string, Uint8Array>();

  constructor(
    @Inject(QUIRE_CONFIG) config: QuireConfig,
    @InjectPluginOptions('identity') private readonly options: IdentityOptions,
  ) {
    this.current = deriveAccessTokenKey(resolveSecretKey(config));
    for (const key of [this.current, ...config.QUIRE_SECRET_KEYS_PREVIOUS.map(deriveAccessTokenKey)]) {
      if (!this.verificationKeys.has(key.id)) this.verificationKeys.set(key.id, key.secret);
    }
  }

  /**
   * `notAfter`: the token never outlives its session (an impersonation of a few minutes gets a token of at most
   * those minutes, so clients see the real end in `expiresIn`).
   */
  async sign(subject: AccessTokenSubject, now: Date = new Date(), notAfter?: Date): Promise<SignedAccessToken> {
    const iat = Math.floor(now.getTime() / 1000);
    const ttlEnd = iat + this.options.accessTokenTtlSeconds;
    const exp = notAfter ? Math.max(iat, Math.min(ttlEnd, Math.floor(notAfter.getTime() / 1000))) : ttlEnd;
    const payload: JWTPayload = { sid: subject.sessionId };
    if (subject.impersonatorId) payload.imp = subject.impersonatorId;
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: ACCESS_TOKEN_TYPE, kid: this.current.id })
      .setSubject(subject.userId)
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.current.secret);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /**
   * The claims of a valid token, or null. Only HS256 under one of our keys is accepted: `alg: none`, RS256/ES256
   * (and so RS/HS key confusion), a wrong `typ`, issuer or audience, an expired token, a token without `sid`
   * are all null. Never throws: bad tokens are ordinary input.
   */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    if (token.length > MAX_TOKEN_LENGTH) return null;
    try {
      const { payload } = await jwtVerify(token, (header: CompactJWSHeaderParameters) => this.keyFor(header), {
        algorithms: ['HS256'],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        typ: ACCESS_TOKEN_TYPE,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'sid', 'iat', 'exp'],
      });
      return toClaims(payload);
    } catch (error) {
      if (!(error instanceof joseErrors.JOSEError)) {
        // Not a verdict on the token but a fault of ours: say so, without the token.
        this.logger.error(`Access token verification failed unexpectedly: ${(error as Error).message}`);
      }
      return null;
    }
  }

  private keyFor(header: CompactJWSHeaderParameters): Uint8Array {
    const key = header.kid === undefined ? undefined : this.verificationKeys.get(header.kid);
    // A JOSEError subclass, so verify() treats an unknown kid as an ordinary bad token.
    if (!key) throw new joseErrors.JWKSNoMatchingKey();
    return key;
  }
}

function toClaims(payload: JWTPayload): AccessTokenClaims | null {
  const { sub, sid, imp, iat, exp } = payload;
  if (typeof sub !== 'string' || !UUID.test(sub)) return null;
  if (typeof sid !== 'string' || !UUID.test(sid)) return null;
  if (typeof iat !== 'number' || typeof exp !== 'number') return null;
  if (imp !== undefined && (typeof imp !== 'string' || !UUID.test(imp))) return null;
  return imp === undefined ? { sub, sid, iat, exp } : { sub, sid, iat, exp, imp };
}
