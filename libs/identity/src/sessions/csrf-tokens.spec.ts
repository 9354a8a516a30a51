import type { QuireConfig } from '@quire/core';
import { randomBytes } from 'node:crypto';
import { CsrfTokens } from './csrf-tokens';

const key = () => randomBytes(32).toString('base64');
const configWith = (current: string, previous: string[] = []) =>
  ({ QUIRE_SECRET_KEY: current, QUIRE_SECRET_KEYS_PREVIOUS: previous, NODE_ENV: 'test' }) as unknown as QuireConfig;

const session = '01a204c9-f41c-75cb-8cd3-e79d5eeb907d';
const otherSession = '01a204c9-f41c-75cb-8cd3-e79d5eeb9000';

describe(CsrfTokens.name, () => {
  const secret = key();
  const sut = new CsrfTokens(configWith(secret));

  it('issues a different token each time, each valid for its session when header and cookie agree', () => {
    const first = sut.issue(session);
    const second = sut.issue(session);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{43}$/);
    expect(sut.isValidFor(session, first, first)).toBe(true);
    expect(sut.isValidFor(session, second, second)).toBe(true);
  });

  it('refuses a missing header or cookie, and a header that is not the cookie', () => {
    const token = sut.issue(session);
    expect(sut.isValidFor(session, undefined, token)).toBe(false);
    expect(sut.isValidFor(session, token, null)).toBe(false);
    expect(sut.isValidFor(session, '', '')).toBe(false);
    expect(sut.isValidFor(session, sut.issue(session), token)).toBe(false);
    expect(sut.isValidFor(session, `${token}x`, token)).toBe(false);
  });

  it("refuses another session's token even when header and cookie agree (a planted cookie)", () => {
    const planted = sut.issue(otherSession);
    expect(sut.isValidFor(session, planted, planted)).toBe(false);
  });

  it('refuses a forged or malformed token that header and cookie both carry', () => {
    const [nonce, mac] = sut.issue(session).split('.');
    // A middle character: the last one of a base64url MAC partly encodes padding bits.
    const flipped = `${nonce}.${mac.slice(0, 10)}${mac[10] === 'A' ? 'B' : 'A'}${mac.slice(11)}`;
    for (const forged of [flipped, `${nonce}.${'A'.repeat(43)}`, 'not-a-token', `${nonce}.${mac}.${mac}`]) {
      expect(sut.isValidFor(session, forged, forged)).toBe(false);
    }
    // Signed with another installation's key.
    const foreign = new CsrfTokens(configWith(key())).issue(session);
    expect(sut.isValidFor(session, foreign, foreign)).toBe(false);
  });

  it('accepts tokens of a previous key after a rotation, and issues under the new one', () => {
    const old = sut.issue(session);
    const rotated = new CsrfTokens(configWith(key(), [secret]));
    expect(rotated.isValidFor(session, old, old)).toBe(true);
    const fresh = rotated.issue(session);
    expect(sut.isValidFor(session, fresh, fresh)).toBe(false);
  });

  it('matches compares header and cookie only (the cookie refresh has no session yet)', () => {
    expect(sut.matches('abc', 'abc')).toBe(true);
    expect(sut.matches('abc', 'abd')).toBe(false);
    expect(sut.matches('abc', 'abcd')).toBe(false);
    expect(sut.matches(undefined, 'abc')).toBe(false);
    expect(sut.matches('', '')).toBe(false);
  });
});
