import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectPluginOptions, JobQueue, transactionExecutor, uuidv7 } from '@quire/core';
import { DataSource, type EntityManager } from 'typeorm';
import { MailMessage } from '../entities/mail-message.entity';
import type { IdentityOptions } from '../identity.options';
import { renderMail, type MailTemplate, type MailTemplateParams } from './mail-templates';
import { MailTransport } from './mail-transport';

export const MAIL_DELIVERY_QUEUE = 'identity.mail.deliver';

export interface MailDeliveryJob {
  /** The `identity_mail_outbox` row; the job carries no body, so the queue holds no codes or links. */
  id: string;
}

/** Retry policy of SMTP delivery: `IdentityOptions.mailRetry` (default 5 retries from 30 s, about 15 minutes in all). */
export type MailDeliveryOptions = IdentityOptions['mailRetry'];

/** A stored error is for the console, not a dump: one line, bounded. */
const MAX_ERROR_LENGTH = 1000;

/**
 * Sends identity's mails. Each mail is first a row of `identity_mail_outbox` (what the console shows); with SMTP
 * it is then delivered from the durable queue, retried with backoff, so that a slow or down mail server never
 * fails or slows the request that caused the mail.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailSender.name);
  private readonly delivery: MailDeliveryOptions;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly transport: MailTransport,
    @InjectPluginOptions('identity') private readonly options: IdentityOptions,
  ) {
    this.delivery = options.mailRetry;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Without SMTP nothing is queued, so no instance needs a worker (or the queue) for it.
    if (!this.transport.reachesRecipient) return;
    await this.queue.work<MailDeliveryJob>(MAIL_DELIVERY_QUEUE, (job, meta) => this.deliver(job.id, meta.retryCount), {
      retryLimit: this.delivery.retryLimit,
      retryDelaySeconds: this.delivery.retryDelaySeconds,
    });
  }

  /**
   * Renders `template` and records the mail; with SMTP, queues its delivery. Pass the caller's transaction as
   * `manager` so that the mail exists exactly when the write that caused it commits. Returns the outbox row's id.
   */
  async send<T extends MailTemplate>(
    to: string,
    template: T,
    params: MailTemplateParams[T],
    options: { manager?: EntityManager } = {},
  ): Promise<string> {
    const mail = renderMail(template, params);
    const message: Partial<MailMessage> = {
      id: uuidv7(),
      recipient: to,
      template,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      status: this.transport.reachesRecipient ? 'queued' : 'logged',
      error: null,
      sentAt: null,
    };
    const id = message.id as string;

    if (!this.transport.reachesRecipient) {
      await (options.manager ?? this.dataSource.manager).insert(MailMessage, message);
      await this.transport.deliver({ from: this.options.mailFrom, to, ...mail });
      return id;
    }

    const enqueue = async (manager: EntityManager): Promise<void> => {
      await manager.insert(MailMessage, message);
      // The job id is the row's id: the queue never holds two deliveries of one mail.
      await this.queue.insert<MailDeliveryJob>([{ queue: MAIL_DELIVERY_QUEUE, id, data: { id } }], {
        executor: transactionExecutor(manager),
      });
    };
    if (options.manager?.queryRunner?.isTransactionActive) await enqueue(options.manager);
    else await this.dataSource.transaction(enqueue);
    return id;
  }

  /** The queue's handler: one attempt. Throwing makes pg-boss retry; the last failure leaves the row `failed`. */
  private async deliver(id: string, retryCount: number): Promise<void> {
    const messages = this.dataSource.getRepository(MailMessage);
    const message = await messages.findOneBy({ id });
    // Gone (retention) or already sent by an earlier attempt whose completion was lost: nothing to do.
    if (!message || message.status === 'sent') return;
    try {
      await this.transport.deliver({
        from: this.options.mailFrom,
        to: message.recipient,
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody,
      });
    } catch (error) {
      const attempt = retryCount + 1;
      const attempts = this.delivery.retryLimit + 1;
      const reason = describe(error);
      const last = attempt >= attempts;
      // Until the last attempt the mail is still on its way: `queued`, with the latest error for the console.
      await messages.update(
        { id },
        last ? { status: 'failed', error: reason, textBody: '', htmlBody: '' } : { status: 'queued', error: reason },
      );
      const what = `Mail ${id} (${message.template}) failed, attempt ${attempt} of ${attempts}: ${reason}`;
      if (last) this.logger.error(`${what}; no retries left`);
      else this.logger.warn(`${what}; will retry`);
      throw error;
    }
    // Links and codes in a delivered mail are credentials: the outbox keeps what was sent to whom, not the text.
    await messages.update({ id }, { status: 'sent', sentAt: new Date(), error: null, textBody: '', htmlBody: '' });
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_LENGTH);
}
