import { createHash, hkdfSync } from 'node:crypto';

/** HKDF `info`: binds the derived key to access tokens, so no other use of QUIRE_SECRET_KEY shares it. */
const ACCESS_TOKEN_KEY_INFO = 'quire:access-token';

export interface AccessTokenKey {
  /** Public name of the key (JWT `kid`): a hash prefix, stable across restarts and instances. */
  id: string;
  secret: Uint8Array;
}

/**
 * The HS256 key of access tokens, derived from a QUIRE_SECRET_KEY value (32 bytes, base64). Deriving instead of
 * using the key directly keeps the AES key of SecretCipher and the JWT key independent.
 */
export function deriveAccessTokenKey(base64SecretKey: string): AccessTokenKey {
  const secret = new Uint8Array(
    hkdfSync('sha256', Buffer.from(base64SecretKey, 'base64'), '', ACCESS_TOKEN_KEY_INFO, 32),
  );
  const id = createHash('sha256').update(secret).digest('base64url').slice(0, 10);
  return { id, secret };
}
