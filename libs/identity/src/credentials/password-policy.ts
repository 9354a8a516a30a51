import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '@quire/core';
import commonPasswordList from './common-passwords.json';

export interface PasswordProblem extends FieldProblem {
  path: 'password';
}

export interface PasswordPolicyContext {
  /** Minimum length in Unicode code points; 12 unless the installation sets `passwordMinLength`. */
  minLength?: number;
  email?: string;
  displayName?: string;
}

export const DEFAULT_PASSWORD_MIN_LENGTH = 12;
/** An upper bound keeps hashing cost predictable; 128 leaves room for any passphrase (ASVS 2.1.2). */
export const PASSWORD_MAX_LENGTH = 128;
/** Shorter fragments of an email or a name would forbid too many unrelated passwords. */
const MIN_PERSONAL_FRAGMENT = 4;

/**
 * ASVS level 2 password rules (V2.1): length counted in code points after NFKC, no composition rules,
 * refusal of breached/common passwords and of passwords built from the account's own email or name.
 */
@Injectable()
export class PasswordPolicy {
  private readonly common = loadCommonPasswords();

  check(password: string, context: PasswordPolicyContext = {}): PasswordProblem[] {
    const minLength = context.minLength ?? DEFAULT_PASSWORD_MIN_LENGTH;
    const normalised = password.normalize('NFKC');
    const lower = normalised.toLowerCase();
    const length = [...normalised].length;
    const problems: string[] = [];

    if (length < minLength) problems.push(`Password must be at least ${minLength} characters long`);
    if (length > PASSWORD_MAX_LENGTH) problems.push(`Password must be at most ${PASSWORD_MAX_LENGTH} characters long`);
    if (length > 0 && this.isCommon(lower)) {
      problems.push('Password is too common: it appears in lists of breached passwords');
    }
    if (personalFragments(emailLocalPart(context.email)).some((f) => lower.includes(f))) {
      problems.push('Password must not contain your email address');
    }
    if (personalFragments(context.displayName).some((f) => lower.includes(f))) {
      problems.push('Password must not contain your name');
    }
    if (length > 1 && isRepeated(lower)) {
      problems.push('Password must not be a single character or a short pattern repeated');
    } else if (length > 2 && isSequence(lower)) {
      problems.push('Password must not be a simple sequence such as 123456 or abcdef');
    }

    return problems.map((message) => ({ path: 'password', message }));
  }

  // "Password123!", "p@ssw0rd2024" and "Dragon!!" are as guessable as the word they decorate.
  private isCommon(lower: string): boolean {
    const stripped = lower.replace(/[\d\p{P}\p{S}\s]+$/u, '');
    const candidates = [lower, stripped, unLeet(stripped, 'i'), unLeet(stripped, 'l')];
    return candidates.some((c) => c.length > 0 && this.common.has(c));
  }
}

let commonPasswords: ReadonlySet<string> | undefined;

// Built once per process. The list ships as JSON so the TypeScript build carries it along (no asset step).
function loadCommonPasswords(): ReadonlySet<string> {
  commonPasswords ??= new Set(
    commonPasswordList.map((l) => l.trim().normalize('NFKC').toLowerCase()).filter((l) => l.length > 0),
  );
  return commonPasswords;
}

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '0': 'o', $: 's', '5': 's', '7': 't', '!': 'i' };

function unLeet(value: string, one: 'i' | 'l'): string {
  return value.replace(/[@430$57!1]/g, (c) => (c === '1' ? one : LEET[c]));
}

function emailLocalPart(email: string | undefined): string | undefined {
  if (!email) return undefined;
  const at = email.lastIndexOf('@');
  return at > 0 ? email.slice(0, at) : email;
}

/** The whole value (without separators) and each of its words, lower case, when at least 4 characters long. */
function personalFragments(value: string | undefined): string[] {
  if (!value) return [];
  const lower = value.normalize('NFKC').toLowerCase();
  const words = lower.split(/[\s._+\-@]+/u);
  const fragments = [lower, words.join(''), ...words];
  return [...new Set(fragments)].filter((f) => [...f].length >= MIN_PERSONAL_FRAGMENT);
}

/** "aaaaaaaaaaaa", "abababababab", "123123123123": a unit of up to 3 characters repeated. */
function isRepeated(value: string): boolean {
  const chars = [...value];
  for (let unit = 1; unit <= 3 && unit < chars.length; unit++) {
    if (chars.every((c, i) => c === chars[i % unit])) return true;
  }
  return false;
}

const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];

/** Every character follows the previous one by one step, in one direction, along digits (9 → 0 wraps), letters or a keyboard. */
function isSequence(value: string): boolean {
  const chars = [...value];
  return SEQUENCES.some((alphabet) =>
    [1, -1].some((step) =>
      chars.slice(1).every((c, i) => {
        const previous = alphabet.indexOf(chars[i]);
        const current = alphabet.indexOf(c);
        return previous >= 0 && current >= 0 && current === (previous + step + alphabet.length) % alphabet.length;
      }),
    ),
  );
}
