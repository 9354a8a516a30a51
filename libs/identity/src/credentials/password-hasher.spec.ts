import * as argon2 from 'argon2';
import { ARGON2_PARAMETERS, DUMMY_PASSWORD_HASH, PasswordHasher } from './password-hasher';

// argon2 is slow by design (~100 ms a call): one hash is shared by the cases that only read it.
describe(PasswordHasher.name, () => {
  const sut = new PasswordHasher();
  const password = 'correct horse battery staple';
  let hash: string;

  beforeAll(async () => {
    hash = await sut.hash(password);
  });

  it('hashes with argon2id and the chosen parameters, salted', () => {
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(hash).not.toContain(password);
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

  it('asks for a rehash when the parameters or the variant differ, not for its own hashes', async () => {
    expect(sut.needsRehash(hash)).toBe(false);
    const weaker = await argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    expect(sut.needsRehash(weaker)).toBe(true);
    const argon2i = await argon2.hash(password, { ...ARGON2_PARAMETERS, type: argon2.argon2i });
    expect(sut.needsRehash(argon2i)).toBe(true);
    expect(sut.needsRehash('garbage')).toBe(true);
  });

  it('dummyVerify always fails, against a hash made with the current parameters (same cost as a real check)', async () => {
    expect(sut.needsRehash(DUMMY_PASSWORD_HASH)).toBe(false);
    await expect(sut.dummyVerify(password)).resolves.toBe(false);
  });
});
