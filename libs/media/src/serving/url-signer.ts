import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { QUIRE_CONFIG, resolveSecretKey, type QuireConfig } from '@quire/core';

/** HKDF `info`: the signing key of media URLs shares nothing with other keys derived from QUIRE_SECRET_KEY. */
const MEDIA_URL_KEY_INFO = 'quire:media-signed-url';

export type SignatureCheck = 'valid' | 'expired' | 'invalid';

/**
 * Signed URLs to private assets: an HMAC-SHA256 over the workspace, the asset and the expiry (Unix seconds), with a
 * key derived from QUIRE_SECRET_KEY (previous keys still verify, so a key rotation does not break links in flight).
 * Nothing is stored; a URL works for anyone holding it until it expires, and never for another asset.
 */
@Injectable()
export class UrlSigner {
  private readonly current: Buffer;
  private readonly verificationKeys: Buffer[];

  constructor(@Inject(QUIRE_CONFIG) config: QuireConfig) {
    this.current = deriveKey(resolveSecretKey(config));
    this.verificationKeys = [this.current, ...config.QUIRE_SECRET_KEYS_PREVIOUS.map(deriveKey)];
  }

  sign(workspaceId: string, assetId: string, expires: number): string {
    return mac(this.current, workspaceId, assetId, expires);
  }

  /** `expired` only for a signature that is genuine: a forged one is `invalid` whatever its expiry. */
  check(workspaceId: string, assetId: string, expires: string, signature: string, now = Date.now()): SignatureCheck {
    if (!/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return 'invalid';
    const presented = Buffer.from(signature, 'utf8');
    const genuine = this.verificationKeys.some((key) => {
      const expected = Buffer.from(mac(key, workspaceId, assetId, Number(expires)), 'utf8');
      return expected.length === presented.length && timingSafeEqual(expected, presented);
    });
    if (!genuine) return 'invalid';
    return Number(expires) * 1000 <= now ? 'expired' : 'valid';
  }
}

function deriveKey(base64SecretKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(base64SecretKey, 'base64'), '', MEDIA_URL_KEY_INFO, 32));
}

function mac(key: Buffer, workspaceId: string, assetId: string, expires: number): string {
  return createHmac('sha256', key).update(`${workspaceId}.${assetId}.${expires}`, 'utf8').digest('base64url');
}
