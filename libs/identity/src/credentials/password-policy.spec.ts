import fc from 'fast-check';
import commonPasswordList from './common-passwords.json';
import { PasswordPolicy } from './password-policy';

const TOO_SHORT = 'Password must be at least 12 characters long';
const TOO_LONG = 'Password must be at most 128 characters long';
const COMMON = 'Password is too common: it appears in lists of breached passwords';
const HAS_EMAIL = 'Password must not contain your email address';
const HAS_NAME = 'Password must not contain your name';
const REPEATED = 'Password must not be a single character or a short pattern repeated';
const SEQUENCE = 'Password must not be a simple sequence such as 123456 or abcdef';

describe(PasswordPolicy.name, () => {
  const sut = new PasswordPolicy();
  const messages = (password: string, context?: Parameters<PasswordPolicy['check']>[1]) =>
    sut.check(password, context).map((p) => p.message);

  it('accepts a long, unremarkable passphrase', () => {
    expect(
      sut.check('violet tractor sings at dawn', { email: 'ada@example.com', displayName: 'Ada Lovelace' }),
    ).toEqual([]);
  });

  it('reports each problem on the password path', () => {
    expect(sut.check('short')).toContainEqual({ path: 'password', message: TOO_SHORT });
  });

  describe('length', () => {
    it('refuses fewer than 12 code points by default', () => {
      expect(messages('mauve otter')).toEqual([TOO_SHORT]);
      expect(messages('mauve otters')).toEqual([]);
    });

    it('honours a configured minimum', () => {
      expect(messages('mauve otters', { minLength: 16 })).toEqual(['Password must be at least 16 characters long']);
      expect(messages('mauve otter', { minLength: 8 })).toEqual([]);
    });

    it('counts code points, not UTF-16 units: 12 emoji are 12 characters', () => {
      expect(messages('🦊🐙🦉🐢🦋🐝🦔🐳🦜🐌🦒🐞')).toEqual([]);
      expect(messages('🦊🐙🦉🐢🦋🐝🦔🐳🦜🐌🦒')).toEqual([TOO_SHORT]);
    });

    it('counts after NFKC: a decomposed é is one character', () => {
      expect(messages('cafe\u0301 on bus')).toEqual([TOO_SHORT]); // 11 after NFKC, 12 UTF-16 units before
    });

    it('refuses more than 128 characters', () => {
      const words = 'plum kite fog ';
      expect(messages(words.repeat(10).slice(0, 128))).toEqual([]);
      expect(messages(`${words.repeat(10).slice(0, 128)}x`)).toEqual([TOO_LONG]);
    });
  });

  describe('common passwords', () => {
    it.each(['password1234', 'iloveyou1234', 'qwertyuiop123', 'baseball2024', 'superman!!!!', 'sunshine 2024'])(
      'refuses %s, a common password with digits or symbols appended',
      (password) => {
        expect(messages(password)).toEqual([COMMON]);
      },
    );

    it('compares case-insensitively and strips trailing digits and symbols', () => {
      expect(messages('Password123!')).toEqual([COMMON]);
      expect(messages('PASSWORD2024!!')).toEqual([COMMON]);
    });

    it('sees through the usual character substitutions', () => {
      expect(messages('P@ssw0rd2024!')).toEqual([COMMON]);
      expect(messages('Tr1nity123456')).toEqual([COMMON]);
    });

    it('ships a list of about a thousand lower-case entries', () => {
      const entries = commonPasswordList as string[];
      expect(entries.length).toBeGreaterThanOrEqual(1000);
      expect(entries).toEqual(entries.map((e) => e.toLowerCase()));
      expect(entries).toEqual(expect.arrayContaining(['123456', 'password', 'qwerty', 'iloveyou']));
    });
  });

  describe('personal information', () => {
    it("refuses the email's local part, case-insensitively", () => {
      expect(messages('my Ada.Byron password', { email: 'ada.byron@example.com' })).toEqual([HAS_EMAIL]);
      expect(messages('hello byron from 1815', { email: 'ada.byron@example.com' })).toEqual([HAS_EMAIL]);
    });

    it('ignores fragments shorter than 4 characters', () => {
      expect(messages('ada rides a bicycle', { email: 'ada@example.com', displayName: 'Ada Li' })).toEqual([]);
    });

    it('refuses the display name or one of its words', () => {
      expect(messages('i am LOVELACE of london', { displayName: 'Ada Lovelace' })).toEqual([HAS_NAME]);
      expect(messages('adalovelace-rules', { displayName: 'Ada Lovelace' })).toEqual([HAS_NAME]);
    });
  });

  describe('patterns', () => {
    it('refuses a single repeated character or a short repeated pattern', () => {
      expect(messages('zzzzzzzzzzzz')).toEqual([REPEATED]);
      expect(messages('abababababab')).toEqual([REPEATED]);
      expect(messages('xyzxyzxyzxyz')).toEqual([REPEATED]);
    });

    it('refuses a simple sequence, ascending or descending, digits wrapping after 9', () => {
      expect(messages('123456789012')).toEqual([SEQUENCE]);
      expect(messages('210987654321')).toEqual([SEQUENCE]);
      expect(messages('cdefghijklmn')).toEqual([SEQUENCE]);
      expect(messages('QWERTYUIOPAS')).toEqual([SEQUENCE]);
    });
  });

  it('reports several problems at once', () => {
    expect(messages('zzzz', { minLength: 12 })).toEqual([TOO_SHORT, REPEATED]);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
        fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
        fc.integer({ min: 1, max: 128 }),
        (password, email, displayName, minLength) => {
          const problems = sut.check(password, { minLength, email, displayName });
          expect(Array.isArray(problems)).toBe(true);
          problems.forEach((p) => expect(p.path).toBe('password'));
        },
      ),
      { numRuns: 500 },
    );
  });
});
