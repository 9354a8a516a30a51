import type { FactoryProvider } from '@nestjs/common';
import { QUIRE_CONFIG, resolveSecretKey, type QuireConfig } from '@quire/core';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { canonicalVariantQuery, SIGNATURE_PARAM, type VariantParams } from './variant-params';

/** HKDF `info`: the variant key shares nothing with the other uses of QUIRE_SECRET_KEY. */
const VARIANT_KEY_INFO = 'quire:media-variant';
/** 128 bits of HMAC-SHA256, base64url: 22 characters. */
const SIGNATURE_LENGTH = 16;
const SIGNATURE_SHAPE = /^[A-Za-z0-9_-]{22}$/;

/**
 * Signs the parameter sets of variants that are not presets. Only the API signs (for members who may use the asset,
 * or when it renders URLs into delivered content), so nobody can make the server render and store arbitrary sizes.
 * The signature covers the asset id and the canonical parameters: it is good for that asset only, and for every
 * spelling of the same parameters. Nothing is stored: the key is derived from QUIRE_SECRET_KEY, and signatures
 * made under a previous key (QUIRE_SECRET_KEYS_PREVIOUS) still verify, so a key rotation breaks no published URL
 * until the old key is dropped.
 */
export class VariantSigner {
  private readonly current: Buffer;
  private readonly verificationKeys: Buffer[];

  /** `currentSecretKey` and `previousSecretKeys` are base64 keys of 32 bytes. */
  constructor(currentSecretKey: string, previousSecretKeys: readonly string[] = []) {
    this.current = deriveVariantKey(currentSecretKey);
    this.verificationKeys = [this.current, ...previousSecretKeys.map(deriveVariantKey)];
  }

  sign(assetId: string, params: VariantParams): string {
    return mac(this.current, assetId, params);
  }

  verify(assetId: string, params: VariantParams, signature: string): boolean {
    if (!SIGNATURE_SHAPE.test(signature)) return false;
    const presented = Buffer.from(signature, 'utf8');
    return this.verificationKeys.some((key) =>
      timingSafeEqual(Buffer.from(mac(key, assetId, params), 'utf8'), presented),
    );
  }

  /** The query string of a signed variant URL: `w=800&h=600&fit=cover&fm=webp&q=80&s=…`. */
  signedQuery(assetId: string, params: VariantParams): string {
    return `${canonicalVariantQuery(params)}&${SIGNATURE_PARAM}=${this.sign(assetId, params)}`;
  }
}

/** Add to the media module's providers: `VariantSigner` is then injectable by its class. */
export const variantSignerProvider: FactoryProvider<VariantSigner> = {
  provide: VariantSigner,
  useFactory: (config: QuireConfig) => new VariantSigner(resolveSecretKey(config), config.QUIRE_SECRET_KEYS_PREVIOUS),
  inject: [QUIRE_CONFIG],
};

function deriveVariantKey(base64SecretKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(base64SecretKey, 'base64'), '', VARIANT_KEY_INFO, 32));
}

function mac(key: Buffer, assetId: string, params: VariantParams): string {
  return createHmac('sha256', key)
    .update(`${assetId}\n${canonicalVariantQuery(params)}`, 'utf8')
    .digest()
    .subarray(0, SIGNATURE_LENGTH)
    .toString('base64url');
}
