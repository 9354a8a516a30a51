import type { OutsideProcessor, ProcessorContext } from '@quire/core';
import type { IdentityOptions } from './identity.options';

/** The SMTP relay account mails go through, when one is configured (without it mails stay in the outbox). */
export function identityProcessors({ options }: ProcessorContext<IdentityOptions>): OutsideProcessor[] {
  if (!options.smtpUrl) return [];
  return [
    {
      name: 'SMTP mail server',
      // The host only: the URL carries the credentials.
      location: new URL(options.smtpUrl).host,
      purpose: 'Deliver account mails: sign-in codes, verification, password resets, invitations, mentions',
      categories: ['contact', 'communication'],
    },
  ];
}
