import { Inject, Injectable } from '@nestjs/common';
import { QUIRE_CONFIG, resolveSecretKey, type QuireConfig } from '@quire/core';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { randomToken } from '../credentials/token-hash';

/** HKDF `info`: the CSRF key shares nothing with the access-token key or SecretCipher. */
const CSRF_KEY_INFO = 'quire:csrf-token';
/** `<nonce>.<mac>`: both base64url, the nonce 18 random bytes, the MAC a full HMAC-SHA256. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{43}$/;

/**
 * CSRF tokens of cookie-authenticated browser sessions: a signed double-submit cookie (OWASP). The token is a
 * random nonce with an HMAC over the session id and the nonce, so it is valid only for the session it was issued
 * with: a sibling subdomain that plants its own `quire_csrf` cookie (cookie tossing) still cannot make a request
 * of the victim's session pass. A request passes when `X-CSRF-Token` equals the cookie and the token is bound to
 * the request's session. Nothing is stored: the key is derived from QUIRE_SECRET_KEY (previous keys verify too,
 * so a key rotation does not break open consoles).
 */
@Injectable()
export class CsrfTokens {
  private readonly current: Buffer;
  private readonly verificationKeys: Buffer[];

  constructor(@Inject(QUIRE_CONFIG) config: QuireConfig) {
    this.current = deriveCsrfKey(resolveSecretKey(config));
    this.verificationKeys = [this.current, ...config.QUIRE_SECRET_KEYS_PREVIOUS.map(deriveCsrfKey)];
  }

  /** A new token bound to the session; issued with every cookie delivery of its tokens. */
  issue(sessionId: string): string {
    const nonce = randomToken(18);
    return `${nonce}.${mac(this.current, sessionId, nonce)}`;
  }

  /** The header echoes the cookie exactly (compared in constant time). Both must be present. */
  matches(header: string | null | undefined, cookie: string | null | undefined): boolean {
    if (!header || !cookie) return false;
    const left = Buffer.from(header, 'utf8');
    const right = Buffer.from(cookie, 'utf8');
    return left.length === right.length && timingSafeEqual(left, right);
  }

  /** `matches`, and the token was issued for this session. */
  isValidFor(sessionId: string, header: string | null | undefined, cookie: string | null | undefined): boolean {
    if (!this.matches(header, cookie) || !TOKEN_SHAPE.test(header!)) return false;
    const [nonce, presented] = header!.split('.');
    const presentedMac = Buffer.from(presented, 'utf8');
    return this.verificationKeys.some((key) => {
      const expected = Buffer.from(mac(key, sessionId, nonce), 'utf8');
      return expected.length === presentedMac.length && timingSafeEqual(expected, presentedMac);
    });
  }
}

function deriveCsrfKey(base64SecretKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(base64SecretKey, 'base64'), '', CSRF_KEY_INFO, 32));
}

function mac(key: Buffer, sessionId: string, nonce: string): string {
  return createHmac('sha256', key).update(`${sessionId}.${nonce}`, 'utf8').digest('base64url');
}
