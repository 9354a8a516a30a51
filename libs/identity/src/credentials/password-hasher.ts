import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/**
 * argon2id with the library's defaults, stated explicitly so a change of the library cannot change them silently:
 * 64 MiB, 3 passes, 4 lanes (RFC 9106's second recommended option). That is stronger than the OWASP minimum
 * (19 MiB, 2 passes, 1 lane) and costs about 100 ms a hash on one core.
 */
export const ARGON2_PARAMETERS = {
  type: argon2.argon2id,
  memoryCost: 65_536,
  timeCost: 3,
  parallelism: 4,
} as const;

/**
 * Hash of a random, discarded password, made with ARGON2_PARAMETERS (a spec keeps them in step). Verifying
 * against it makes "unknown email" cost the same as "wrong password".
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=65536,p=4,t=3$5QztV+n++Hp7U2IzjwF8xg$Rm7pKadOqFFAKxxPyowlW/OegEwiHR/srfb0hY25nJ8';

@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return argon2.hash(normalise(password), ARGON2_PARAMETERS);
  }

  /** False for a wrong password and for anything that is not an argon2 hash: a bad row must not become a 500. */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, normalise(password));
    } catch {
      return false;
    }
  }

  /** True when the hash was made with other parameters or another variant: rehash it after a successful sign-in. */
  needsRehash(hash: string): boolean {
    if (!hash.startsWith('$argon2id$')) return true;
    try {
      return argon2.needsRehash(hash, ARGON2_PARAMETERS);
    } catch {
      return true;
    }
  }

  /** Spends the time of one verification and always fails: call it when no account matches the email. */
  async dummyVerify(password: string): Promise<false> {
    await this.verify(DUMMY_PASSWORD_HASH, password);
    return false;
  }
}

// The same password typed on two systems may arrive composed or decomposed (é vs e + ◌́): NFKC makes them equal,
// as the password policy counts it.
function normalise(password: string): string {
  return password.normalize('NFKC');
}
