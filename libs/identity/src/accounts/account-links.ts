/** Console pages that take a mailed token: they read it from the query and POST it to the API. */
export type AccountLinkPage = 'verify-email' | 'reset-password';

/** `<publicUrl>/admin/<page>?token=<token>`: the links mailed for email verification and password reset. */
export function accountLink(publicUrl: string, page: AccountLinkPage, token: string): string {
  return `${consoleUrl(publicUrl)}/${page}?token=${encodeURIComponent(token)}`;
}

/** The console's page to ask for a reset link, named in the "your password was changed" notice. */
export function passwordResetPage(publicUrl: string): string {
  return `${consoleUrl(publicUrl)}/reset-password`;
}

function consoleUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/admin`;
}
