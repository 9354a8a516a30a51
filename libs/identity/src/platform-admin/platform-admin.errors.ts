import { QuireError } from '@quire/core';

export type PlatformAdminErrorCode =
  | 'identity.platform-admin-required'
  | 'identity.user-not-found'
  | 'identity.platform-admin-ineligible'
  | 'identity.last-platform-admin'
  | 'identity.platform-admin-configured';

/**
 * The installation's administration answers only platform administrators, signed in with a session of their own:
 * never an API key, never a session impersonating someone.
 */
export class PlatformAdminRequiredError extends QuireError {
  constructor() {
    super({
      code: 'identity.platform-admin-required' satisfies PlatformAdminErrorCode,
      status: 403,
      title: 'Platform administrator required',
      detail: 'Only a platform administrator, signed in with their own session, may do this.',
    });
  }
}

/** For platform administrators only, so ids are confirmed only to them. */
export class UserNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'identity.user-not-found' satisfies PlatformAdminErrorCode,
      status: 404,
      title: 'User not found',
      detail: `No account ${id}.`,
    });
  }
}

export type PlatformAdminIneligibility = 'account-closed' | 'email-not-verified';

/** Administration goes only to open accounts that proved their mailbox (as with QUIRE_PLATFORM_ADMINS). */
export class PlatformAdminIneligibleError extends QuireError {
  constructor(reason: PlatformAdminIneligibility) {
    super({
      code: 'identity.platform-admin-ineligible' satisfies PlatformAdminErrorCode,
      status: 409,
      title: 'Account cannot be a platform administrator',
      detail:
        reason === 'account-closed' ? 'The account is closed.' : 'The account has not verified its email address yet.',
      extensions: { reason },
    });
  }
}

/** The installation would be left without an administrator, and none could be appointed again through the API. */
export class LastPlatformAdminError extends QuireError {
  constructor() {
    super({
      code: 'identity.last-platform-admin' satisfies PlatformAdminErrorCode,
      status: 409,
      title: 'Last platform administrator',
      detail: 'This is the only platform administrator; appoint another one first.',
    });
  }
}

/** The account is an administrator by the installation's configuration, which the API cannot overrule. */
export class PlatformAdminConfiguredError extends QuireError {
  constructor() {
    super({
      code: 'identity.platform-admin-configured' satisfies PlatformAdminErrorCode,
      status: 409,
      title: 'Platform administrator by configuration',
      detail:
        'The account is listed in the platform administrators of the configuration (QUIRE_PLATFORM_ADMINS); ' +
        'remove it there, then revoke.',
    });
  }
}
