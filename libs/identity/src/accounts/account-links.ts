/** Console pages that take a mailed token: they read it from the query and POST it to the API. */
export type AccountLinkPage = 'verify-email' | 'reset-password';

/** `<publicUrl>/admin/<page>?token=<token>`: the links mailed for email verification and password reset. */
export function accountLink(publicUrl: string, page: AccountLinkPage, token: string): string {
  return consoleTokenLink(publicUrl, page, token);
}

/**
 * `<publicUrl>/admin/<page>?token=<token>`: a console page that takes a mailed token. The token goes in the query,
 * never the path, because the request log writes paths but not query strings.
 */
export function consoleTokenLink(publicUrl: string, page: string, token: string): string {
  return `${consoleUrl(publicUrl)}/${page}?token=${encodeURIComponent(token)}`;
}

/** The console's page to ask for a reset link, named in the "your password was changed" notice. */
export function passwordResetPage(publicUrl: string): string {
  return `${consoleUrl(publicUrl)}/reset-password`;
}

function consoleUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/admin`;
}
