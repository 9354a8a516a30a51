/** A mail ready to send: the text part says everything the HTML part says. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const PRODUCT = 'Quire';

/** Escapes the five characters that can change the meaning of HTML text or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Links in mails are ours (publicUrl + token); anything but http(s) is a bug, never an href (`javascript:`). */
function assertHttpUrl(link: string): string {
  const url = new URL(link);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`Mail link must be http(s): ${url.protocol}`);
  return link;
}

/** Names typed by users end up in subjects: one line, so they can never fold into another header. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Plain, accessible HTML: a language, a title, real text and a visible link; no images, fonts or trackers. */
function layout(subject: string, paragraphs: string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    '<body style="margin:0;padding:24px;font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">',
    '<main style="max-width:560px">',
    ...paragraphs,
    `<p style="color:#555555;font-size:14px">${PRODUCT}</p>`,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}

function paragraph(html: string): string {
  return `<p>${html}</p>`;
}

/** A button-like link, with the address also written out for clients that do not render links. */
function linkBlock(label: string, link: string): string {
  const href = escapeHtml(assertHttpUrl(link));
  return [
    `<p><a href="${href}" style="display:inline-block;padding:10px 16px;background:#1f4fd1;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(label)}</a></p>`,
    `<p style="font-size:14px">Or copy this address into your browser:<br><span style="word-break:break-all">${href}</span></p>`,
  ].join('\n');
}

function text(lines: string[]): string {
  return [...lines, '', PRODUCT, ''].join('\n');
}

export interface VerifyEmailParams {
  displayName: string;
  link: string;
}

export function verifyEmail({ displayName, link }: VerifyEmailParams): RenderedMail {
  const subject = `Confirm your email address for ${PRODUCT}`;
  return {
    subject,
    text: text([
      `Hello ${displayName},`,
      '',
      'Please confirm your email address by opening this link:',
      '',
      assertHttpUrl(link),
      '',
      'If you did not create an account, you can ignore this mail.',
    ]),
    html: layout(subject, [
      paragraph(`Hello ${escapeHtml(displayName)},`),
      paragraph('Please confirm your email address.'),
      linkBlock('Confirm email address', link),
      paragraph('If you did not create an account, you can ignore this mail.'),
    ]),
  };
}

export interface SignInCodeParams {
  code: string;
  minutes: number;
}

// The subject never carries the code: subjects are logged and show in notification previews.
export function signInCode({ code, minutes }: SignInCodeParams): RenderedMail {
  const subject = `Your ${PRODUCT} sign-in code`;
  return {
    subject,
    text: text([
      'Your sign-in code is:',
      '',
      code,
      '',
      `It expires in ${minutes} minutes and works once.`,
      'If you did not try to sign in, you can ignore this mail; nobody can sign in without the code.',
    ]),
    html: layout(subject, [
      paragraph('Your sign-in code is:'),
      `<p style="font-family:monospace;font-size:28px;letter-spacing:4px;font-weight:bold">${escapeHtml(code)}</p>`,
      paragraph(`It expires in ${minutes} minutes and works once.`),
      paragraph('If you did not try to sign in, you can ignore this mail; nobody can sign in without the code.'),
    ]),
  };
}

export interface PasswordResetParams {
  displayName: string;
  link: string;
  minutes: number;
}

export function passwordReset({ displayName, link, minutes }: PasswordResetParams): RenderedMail {
  const subject = `Reset your ${PRODUCT} password`;
  return {
    subject,
    text: text([
      `Hello ${displayName},`,
      '',
      'To choose a new password, open this link:',
      '',
      assertHttpUrl(link),
      '',
      `The link expires in ${minutes} minutes and works once.`,
      'If you did not ask for a reset, you can ignore this mail; your password stays as it is.',
    ]),
    html: layout(subject, [
      paragraph(`Hello ${escapeHtml(displayName)},`),
      paragraph('To choose a new password, use the link below.'),
      linkBlock('Reset password', link),
      paragraph(`The link expires in ${minutes} minutes and works once.`),
      paragraph('If you did not ask for a reset, you can ignore this mail; your password stays as it is.'),
    ]),
  };
}

export interface PasswordChangedParams {
  displayName: string;
  /** The console's page to request a reset link: the way back in if someone else changed the password. */
  resetLink: string;
}

/** Sent after every password change or reset, so that the owner learns of a change they did not make. */
export function passwordChanged({ displayName, resetLink }: PasswordChangedParams): RenderedMail {
  const subject = `Your ${PRODUCT} password was changed`;
  return {
    subject,
    text: text([
      `Hello ${displayName},`,
      '',
      'The password of your account was just changed, and every other signed-in device was signed out.',
      '',
      'If you did not do this, reset your password at once:',
      '',
      assertHttpUrl(resetLink),
      '',
      'and tell your administrator.',
    ]),
    html: layout(subject, [
      paragraph(`Hello ${escapeHtml(displayName)},`),
      paragraph('The password of your account was just changed, and every other signed-in device was signed out.'),
      paragraph('If you did not do this, reset your password at once and tell your administrator.'),
      linkBlock('Reset password', resetLink),
    ]),
  };
}

export interface AccountClosedParams {
  displayName: string;
  /** How long the closed account's data is kept before it is erased (the retention policy). */
  days: number;
}

export function accountClosed({ displayName, days }: AccountClosedParams): RenderedMail {
  const subject = `Your ${PRODUCT} account was closed`;
  return {
    subject,
    text: text([
      `Hello ${displayName},`,
      '',
      'Your account was closed and every signed-in device was signed out.',
      `Its data is kept for ${days} days, then erased.`,
      '',
      'If you did not close it, tell your administrator.',
    ]),
    html: layout(subject, [
      paragraph(`Hello ${escapeHtml(displayName)},`),
      paragraph('Your account was closed and every signed-in device was signed out.'),
      paragraph(`Its data is kept for ${days} days, then erased.`),
      paragraph('If you did not close it, tell your administrator.'),
    ]),
  };
}

export interface TwoFactorNoticeParams {
  displayName: string;
}

export interface RecoveryCodeUsedParams extends TwoFactorNoticeParams {
  /** Unused recovery codes left after this one. */
  remaining: number;
}

/** A change to the account's second factor: the owner learns of a change they did not make. */
function twoFactorNotice(subject: string, displayName: string, facts: string[]): RenderedMail {
  const advice = 'If this was not you, change your password at once and tell your administrator.';
  return {
    subject,
    text: text([`Hello ${displayName},`, '', ...facts, '', advice]),
    html: layout(subject, [
      paragraph(`Hello ${escapeHtml(displayName)},`),
      ...facts.map((fact) => paragraph(escapeHtml(fact))),
      paragraph(advice),
    ]),
  };
}

export function twoFactorEnabled({ displayName }: TwoFactorNoticeParams): RenderedMail {
  return twoFactorNotice(`Two-factor authentication is on for your ${PRODUCT} account`, displayName, [
    'Two-factor authentication was just turned on for your account: signing in now also needs a code from your authenticator app.',
    'Every other signed-in device was signed out.',
  ]);
}

export function twoFactorDisabled({ displayName }: TwoFactorNoticeParams): RenderedMail {
  return twoFactorNotice(`Two-factor authentication is off for your ${PRODUCT} account`, displayName, [
    'Two-factor authentication was just turned off for your account: signing in no longer needs a code from your authenticator app.',
    'Every other signed-in device was signed out.',
  ]);
}

export function recoveryCodesRegenerated({ displayName }: TwoFactorNoticeParams): RenderedMail {
  return twoFactorNotice(`New ${PRODUCT} recovery codes`, displayName, [
    'New recovery codes were just created for your account; the earlier ones no longer work.',
  ]);
}

export function recoveryCodeUsed({ displayName, remaining }: RecoveryCodeUsedParams): RenderedMail {
  return twoFactorNotice(`A recovery code was used to sign in to ${PRODUCT}`, displayName, [
    'One of your recovery codes was just used to sign in to your account; it no longer works.',
    `Recovery codes left: ${remaining}.`,
  ]);
}

export interface InvitationParams {
  inviterName: string;
  workspaceName: string;
  link: string;
  days: number;
}

export function invitation({ inviterName, workspaceName, link, days }: InvitationParams): RenderedMail {
  const subject = oneLine(`${inviterName} invited you to ${workspaceName} on ${PRODUCT}`);
  return {
    subject,
    text: text([
      `${inviterName} invited you to join the workspace ${workspaceName} on ${PRODUCT}.`,
      '',
      'To accept, open this link:',
      '',
      assertHttpUrl(link),
      '',
      `The invitation expires in ${days} days.`,
      'If you did not expect it, you can ignore this mail.',
    ]),
    html: layout(subject, [
      paragraph(
        `${escapeHtml(inviterName)} invited you to join the workspace <strong>${escapeHtml(workspaceName)}</strong> on ${PRODUCT}.`,
      ),
      linkBlock('Accept invitation', link),
      paragraph(`The invitation expires in ${days} days.`),
      paragraph('If you did not expect it, you can ignore this mail.'),
    ]),
  };
}

export interface CommentMentionParams {
  authorName: string;
  workspaceName: string;
  entryTitle: string;
  /** The comment's text as typed (shortened): escaped in HTML, quoted in text. */
  excerpt: string;
  link: string;
}

/** A member was mentioned in a comment on an entry (content workflow). */
export function commentMention({
  authorName,
  workspaceName,
  entryTitle,
  excerpt,
  link,
}: CommentMentionParams): RenderedMail {
  // The subject names people and places only: comment text stays out of headers and notification previews.
  const subject = oneLine(`${authorName} mentioned you in ${workspaceName} on ${PRODUCT}`);
  return {
    subject,
    text: text([
      `${authorName} mentioned you in a comment on "${entryTitle}" in the workspace ${workspaceName}:`,
      '',
      ...excerpt.split('\n').map((line) => `> ${line}`),
      '',
      'To read and answer it, open:',
      '',
      assertHttpUrl(link),
    ]),
    html: layout(subject, [
      paragraph(
        `${escapeHtml(authorName)} mentioned you in a comment on <strong>${escapeHtml(entryTitle)}</strong> in the workspace ${escapeHtml(workspaceName)}:`,
      ),
      `<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #d0d0d0;white-space:pre-wrap">${escapeHtml(excerpt)}</blockquote>`,
      linkBlock('Open the entry', link),
    ]),
  };
}

export interface WebhookDisabledParams {
  workspaceName: string;
  /** The webhook's URL, without its query string (it may hold the receiver's token). */
  url: string;
  /** Deliveries in a row that failed every attempt. */
  deadDeliveries: number;
  /** The last attempt's error. */
  reason: string;
}

/** Sent to a workspace's owners and admins when Quire disables a webhook whose deliveries keep failing. */
export function webhookDisabled({ workspaceName, url, deadDeliveries, reason }: WebhookDisabledParams): RenderedMail {
  const subject = oneLine(`A webhook of ${workspaceName} on ${PRODUCT} was disabled`);
  const facts = [
    `${PRODUCT} disabled the webhook to ${url} in the workspace ${workspaceName}: its last ${deadDeliveries} deliveries failed every attempt.`,
    `The last error was: ${reason}`,
    'No events are sent to it until it is enabled again. Fix the receiving end, enable the webhook (which resets the count), then replay the deliveries of its dead-letter list that are still needed.',
  ];
  return {
    subject,
    text: text(facts.flatMap((fact, i) => (i === 0 ? [fact] : ['', fact]))),
    html: layout(
      subject,
      facts.map((fact) => paragraph(escapeHtml(fact))),
    ),
  };
}

export interface PrivacyRequestCodeParams {
  code: string;
  /** The right exercised, in words: `a copy of your data`, `erasure of your data`, … */
  request: string;
  minutes: number;
}

/** The code confirming a data-subject request (compliance plugin); like the sign-in code, never in the subject. */
export function privacyRequestCode({ code, request, minutes }: PrivacyRequestCodeParams): RenderedMail {
  const subject = `Confirm your ${PRODUCT} privacy request`;
  const facts = [
    `A request was made for ${request} of your ${PRODUCT} account. To confirm that it is yours, enter this code:`,
    `The code works for ${minutes} minutes. If you did not make this request, ignore this mail: nothing happens without the code.`,
  ];
  return {
    subject,
    text: text([facts[0]!, '', code, '', facts[1]!]),
    html: layout(subject, [
      paragraph(escapeHtml(facts[0]!)),
      `<p style="font-family:monospace;font-size:28px;letter-spacing:4px;font-weight:bold">${escapeHtml(code)}</p>`,
      paragraph(escapeHtml(facts[1]!)),
    ]),
  };
}

/** Every template by name: what `MailSender.send` accepts and what the outbox's `template` column holds. */
export const mailTemplates = {
  verifyEmail,
  signInCode,
  passwordReset,
  invitation,
  passwordChanged,
  accountClosed,
  twoFactorEnabled,
  twoFactorDisabled,
  recoveryCodesRegenerated,
  recoveryCodeUsed,
  commentMention,
  webhookDisabled,
  privacyRequestCode,
} as const;

export type MailTemplate = keyof typeof mailTemplates;

/** The parameters of each template, so that `send(to, 'signInCode', { code, minutes })` is checked. */
export type MailTemplateParams = { [T in MailTemplate]: Parameters<(typeof mailTemplates)[T]>[0] };

export function renderMail<T extends MailTemplate>(template: T, params: MailTemplateParams[T]): RenderedMail {
  // TypeScript cannot correlate `template` with `params` through the map; the signature above does it for callers.
  const render = mailTemplates[template] as (params: MailTemplateParams[T]) => RenderedMail;
  return render(params);
}
