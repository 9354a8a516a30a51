import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const FORMAT = 'v1';

export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt secret: ${reason}`);
    this.name = 'SecretDecryptionError';
  }
}

/**
 * Encrypts secrets at rest (AI provider keys, SSO and webhook secrets) with AES-256-GCM.
 * Output: `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts). The key id lets keys rotate: the current key
 * encrypts, every configured key decrypts, and `needsReencryption` finds values under an old key.
 */
export class SecretCipher {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  /** `current` and `previous` are base64 keys of 32 bytes (QUIRE_SECRET_KEY, QUIRE_SECRET_KEYS_PREVIOUS). */
  constructor(current: string, previous: string[] = []) {
    this.currentKeyId = this.addKey(current);
    for (const key of previous) this.addKey(key);
  }

  encrypt(plaintext: string, associatedData = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.currentKeyId, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join(':');
  }

  /**
   * @param associatedData what the secret is bound to (e.g. `ai-key:<workspaceId>`): a value copied to another
   * row or tenant does not decrypt there.
   */
  decrypt(sealed: string, associatedData = ''): string {
    const parts = sealed.split(':');
    if (parts.length !== 5 || parts[0] !== FORMAT) throw new SecretDecryptionError('not a sealed secret');
    const [, keyId, iv, tag, ciphertext] = parts;
    const key = this.keys.get(keyId);
    if (!key) throw new SecretDecryptionError(`key ${keyId} is not configured (add it to QUIRE_SECRET_KEYS_PREVIOUS)`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptionError('the value was altered, or belongs elsewhere');
    }
  }

  needsReencryption(sealed: string): boolean {
    return sealed.split(':')[1] !== this.currentKeyId;
  }

  private addKey(base64Key: string): string {
    const key = Buffer.from(base64Key, 'base64');
    if (key.length !== 32) throw new Error('Secret keys must be 32 bytes, base64-encoded');
    // The id names a key without revealing it: a hash prefix, stable across restarts and instances.
    const id = createHash('sha256').update(key).digest('hex').slice(0, 8);
    this.keys.set(id, key);
    return id;
  }
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64url');
}
