import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * The port through which identity sends mail. An abstract class rather than an interface so that it is also the
 * injection token (`mail.providers.ts` picks the implementation).
 */
export abstract class MailTransport {
  /** False when `deliver` only writes the log (development): the sender then keeps no queue job for the mail. */
  abstract readonly reachesRecipient: boolean;
  abstract deliver(message: OutgoingMail): Promise<void>;
}

/** Sends over SMTP (`smtp://` or `smtps://`, credentials in the URL). */
export class SmtpMailTransport extends MailTransport implements OnApplicationShutdown {
  readonly reachesRecipient = true;
  private readonly logger = new Logger(SmtpMailTransport.name);
  private readonly transporter: Transporter;

  constructor(smtpUrl: string) {
    super();
    this.transporter = createTransport({
      url: smtpUrl,
      // nodemailer's defaults (2 and 10 minutes) would hold a queue worker on a dead server; the queue retries.
      // Query parameters of the URL (`?socketTimeout=…`) still win.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
  }

  async deliver(message: OutgoingMail): Promise<void> {
    const info = await this.transporter.sendMail(message);
    // The message id only: recipient and subject are already in the outbox row, the body never goes to the log.
    this.logger.debug(`Delivered ${String(info.messageId)}`);
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}

/**
 * Development without SMTP: one log line per mail. The body (codes, links) stays out of the log; it is in the
 * outbox table, which the console shows.
 */
export class LogMailTransport extends MailTransport {
  readonly reachesRecipient = false;
  private readonly logger = new Logger(LogMailTransport.name);

  constructor() {
    super();
    // Once at boot, so that an installation that forgot SMTP_URL learns why nobody receives mail.
    this.logger.log('No SMTP configured (identity smtpUrl): mails go to the log and the mail outbox only');
  }

  async deliver(message: OutgoingMail): Promise<void> {
    this.logger.log(`Mail not sent (no SMTP configured) to ${message.to}: "${message.subject}"; see the mail outbox`);
  }
}
