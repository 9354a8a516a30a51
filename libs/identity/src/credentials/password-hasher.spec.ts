import * as argon2 from 'argon2';
import type { PasswordHashCost } from '@quire/core';
import { PasswordHasher } from './password-hasher';

const DEFAULT_COST: PasswordHashCost = { memoryKiB: 65_536, passes: 3, lanes: 4 };
const hasherWith = (PASSWORD_HASH_COST: PasswordHashCost, NODE_ENV: 'production' | 'test' = 'test') =>
  new PasswordHasher({ NODE_ENV, PASSWORD_HASH_COST });

// argon2 is slow by design (~100 ms a call at the default cost): one hash is shared by the cases that only read it.
describe(PasswordHasher.name, () => {
  const sut = hasherWith(DEFAULT_COST);
  const password = 'correct horse battery staple';
  let hash: string;

  beforeAll(async () => {
    sut.onModuleInit();
    hash = await sut.hash(password);
  });

  it('hashes with argon2id and the configured cost, salted', async () => {
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(hash).not.toContain(password);
    const cheap = await hasherWith({ memoryKiB: 1024, passes: 1, lanes: 1 }).hash(password);
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    await expect(sut.verify(hash, password)).resolves.toBe(true);
    await expect(sut.verify(hash, 'correct horse battery stapl')).resolves.toBe(false);
  });

  it('treats composed and decomposed Unicode as the same password', async () => {
    const composed = 'caf\u00e9 au lait noir';
    const stored = await sut.hash(composed);
    await expect(sut.verify(stored, 'cafe\u0301 au lait noir')).resolves.toBe(true);
  });

  it('returns false, without throwing, for a malformed hash', async () => {
    for (const bad of ['', 'not a hash', '$argon2id$v=19$m=oops', '$2b$10$abcdefghijklmnopqrstuv']) {
      await expect(sut.verify(bad, password)).resolves.toBe(false);
    }
  });

  it('asks for a rehash when the cost or the variant differ, not for its own hashes', async () => {
    expect(sut.needsRehash(hash)).toBe(false);
    const weaker = await argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    expect(sut.needsRehash(weaker)).toBe(true);
    const argon2i = await argon2.hash(password, {
      type: argon2.argon2i,
      memoryCost: 65_536,
      timeCost: 3,
      parallelism: 4,
    });
    expect(sut.needsRehash(argon2i)).toBe(true);
    expect(sut.needsRehash('garbage')).toBe(true);
    // An operator raising the cost: hashes made with the old one are rehashed at their next sign-in.
    expect(hasherWith({ ...DEFAULT_COST, passes: 4 }).needsRehash(hash)).toBe(true);
  });

  it('dummyVerify always fails', async () => {
    await expect(sut.dummyVerify(password)).resolves.toBe(false);
    await expect(hasherWith(DEFAULT_COST).dummyVerify('')).resolves.toBe(false);
  });

  it('refuses in production a cost weaker than every OWASP configuration, and accepts each of those', () => {
    expect(() => hasherWith({ memoryKiB: 1024, passes: 1, lanes: 1 }, 'production')).toThrow(
      /PASSWORD_HASH_COST m=1024,t=1,p=1 is weaker than OWASP/,
    );
    expect(() => hasherWith({ memoryKiB: 19_456, passes: 1, lanes: 1 }, 'production')).toThrow(/OWASP/);
    for (const [memoryKiB, passes] of [
      [47_104, 1],
      [19_456, 2],
      [12_288, 3],
      [9_216, 4],
      [7_168, 5],
    ]) {
      expect(() => hasherWith({ memoryKiB, passes, lanes: 1 }, 'production')).not.toThrow();
    }
    expect(() => hasherWith({ memoryKiB: 1024, passes: 1, lanes: 1 }, 'test')).not.toThrow();
  });
});
