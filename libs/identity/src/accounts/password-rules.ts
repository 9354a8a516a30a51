import { ValidationFailedError } from '@quire/core';
import type { PasswordPolicy } from '../credentials/password-policy';

export interface PasswordOwner {
  email: string;
  displayName: string;
}

/**
 * Throws a 400 listing every password-policy problem of `password` under `field` (the DTO member that carried
 * it), judged for this account: a password built from its own email or name is refused.
 */
export function assertPasswordAcceptable(
  policy: PasswordPolicy,
  minLength: number,
  password: string,
  owner: PasswordOwner,
  field: 'password' | 'newPassword' = 'password',
): void {
  const problems = policy.check(password, { minLength, email: owner.email, displayName: owner.displayName });
  if (problems.length === 0) return;
  throw new ValidationFailedError(
    problems.map((problem) => ({ path: field, message: problem.message })),
    'The password does not meet the password policy.',
  );
}
