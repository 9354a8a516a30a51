import { uuidv7 } from '@quire/core';
import { User, type UserPreferences } from '../entities/user.entity';

/** What differs between the ways an account comes to be (sign-up, single sign-on, the demo seed). */
export interface NewUserFields {
  email: string;
  displayName: string;
  /** Null for an account that signs in only through single sign-on. */
  passwordHash: string | null;
  emailVerifiedAt: Date | null;
  preferences?: UserPreferences;
  platformAdmin?: boolean;
}

/** A new, not yet stored account: no avatar, no second factor, open. */
export function newUser(fields: NewUserFields): User {
  return Object.assign(new User(), {
    id: uuidv7(),
    email: fields.email,
    displayName: fields.displayName,
    passwordHash: fields.passwordHash,
    emailVerifiedAt: fields.emailVerifiedAt,
    avatarUrl: null,
    totpSecret: null,
    totpEnabledAt: null,
    totpLastUsedStep: null,
    preferences: fields.preferences ?? {},
    platformAdmin: fields.platformAdmin ?? false,
    closedAt: null,
  } satisfies Partial<User>);
}
