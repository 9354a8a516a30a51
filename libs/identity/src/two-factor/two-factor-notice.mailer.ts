import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@quire/core';
import type { User } from '../entities/user.entity';
import { MailSender } from '../mail/mail-sender';
import type { MailTemplateParams } from '../mail/mail-templates';

export type TwoFactorNotice =
  'twoFactorEnabled' | 'twoFactorDisabled' | 'recoveryCodesRegenerated' | 'recoveryCodeUsed';

/** Mails the account owner about a change to their second factor, in the transaction of the change. */
@Injectable()
export class TwoFactorNoticeMailer {
  constructor(private readonly mail: MailSender) {}

  async send<T extends TwoFactorNotice>(
    ctx: RequestContext,
    user: Pick<User, 'email' | 'displayName'>,
    notice: T,
    params: Omit<MailTemplateParams[T], 'displayName'>,
  ): Promise<void> {
    const all = { ...params, displayName: user.displayName } as MailTemplateParams[T];
    await this.mail.send(user.email, notice, all, { manager: ctx.manager ?? undefined });
  }
}
