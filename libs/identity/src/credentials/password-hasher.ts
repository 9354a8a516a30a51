import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { QUIRE_CONFIG, type PasswordHashCost, type QuireConfig } from '@quire/core';
import * as argon2 from 'argon2';

/**
 * OWASP's argon2id configurations (47 MiB × 1 pass, 19 MiB × 2, 12 MiB × 3, 9 MiB × 4, 7 MiB × 5) all spend at
 * least 7 MiB and 35,840 KiB-passes: production refuses to start below that.
 */
const OWASP_MINIMUM_MEMORY_KIB = 7_168;
const OWASP_MINIMUM_MEMORY_PASSES = 35_840;

/**
 * argon2id with the cost from PASSWORD_HASH_COST, by default 64 MiB, 3 passes, 4 lanes (RFC 9106's second
 * recommended option, about 100 ms a hash on one core). Tests run with a far cheaper cost: thousands of sign-ups
 * would otherwise spend minutes of CPU on hashing that no test is about.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private readonly options: argon2.HashOptions;
  /** Hash of a random, discarded password made at start with the same cost: "unknown email" costs one verification. */
  private dummyHash?: Promise<string>;

  constructor(@Inject(QUIRE_CONFIG) config: Pick<QuireConfig, 'NODE_ENV' | 'PASSWORD_HASH_COST'>) {
    const cost = config.PASSWORD_HASH_COST;
    if (config.NODE_ENV === 'production' && isWeakerThanOwasp(cost)) {
      throw new Error(
        `PASSWORD_HASH_COST m=${cost.memoryKiB},t=${cost.passes},p=${cost.lanes} is weaker than OWASP's argon2id ` +
          'configurations (e.g. m=19456,t=2,p=1), which production requires',
      );
    }
    this.options = {
      type: argon2.argon2id,
      memoryCost: cost.memoryKiB,
      timeCost: cost.passes,
      parallelism: cost.lanes,
    };
  }

  onModuleInit(): void {
    this.dummyHash = this.hash(randomBytes(32).toString('base64'));
  }

  hash(password: string): Promise<string> {
    return argon2.hash(normalise(password), this.options);
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
      return argon2.needsRehash(hash, this.options);
    } catch {
      return true;
    }
  }

  /** Spends the time of one verification and always fails: call it when no account matches the email. */
  async dummyVerify(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64'));
    await this.verify(await this.dummyHash, password);
    return false;
  }
}

function isWeakerThanOwasp(cost: PasswordHashCost): boolean {
  return cost.memoryKiB < OWASP_MINIMUM_MEMORY_KIB || cost.memoryKiB * cost.passes < OWASP_MINIMUM_MEMORY_PASSES;
}

// The same password typed on two systems may arrive composed or decomposed (é vs e + ◌́): NFKC makes them equal,
// as the password policy counts it.
function normalise(password: string): string {
  return password.normalize('NFKC');
}
