import type { Provider } from '@nestjs/common';
import { pluginOptionsToken } from '@quire/core';
import type { IdentityOptions } from '../identity.options';
import { MailSender } from './mail-sender';
import { LogMailTransport, MailTransport, SmtpMailTransport } from './mail-transport';

/** SMTP when the installation configures it; otherwise the development log (the mail outbox keeps the body). */
export const mailTransportProvider: Provider = {
  provide: MailTransport,
  useFactory: (options: IdentityOptions): MailTransport =>
    options.smtpUrl ? new SmtpMailTransport(options.smtpUrl) : new LogMailTransport(),
  inject: [pluginOptionsToken('identity')],
};

/** The mail subsystem's providers, for IdentityModule. */
export const mailProviders: Provider[] = [mailTransportProvider, MailSender];
