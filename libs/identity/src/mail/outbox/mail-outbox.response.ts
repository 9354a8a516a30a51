import { ApiProperty } from '@nestjs/swagger';
import type { MailMessage, MailStatus } from '../../entities/mail-message.entity';

export class MailOutboxEntry {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty({ description: 'Template name, e.g. verifyEmail, signInCode, passwordReset' }) template!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({
    enum: ['queued', 'sent', 'failed', 'logged'],
    description: '`logged`: no SMTP is configured, the mail was only written to the log and kept here',
  })
  status!: MailStatus;
  @ApiProperty({ type: String, nullable: true, description: 'The latest delivery error' }) error!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The text of a `logged` mail (no SMTP: this is how a developer reads the code or link). Null once a mail is ' +
      'handed to SMTP: its links and codes are credentials and are not kept after delivery.',
  })
  textBody!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
}

export class MailOutboxListMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class MailOutboxListResponse {
  @ApiProperty({ type: [MailOutboxEntry], description: 'Only the requested `fields`, when given' })
  data!: Array<Partial<MailOutboxEntry>>;
  @ApiProperty({ type: MailOutboxListMeta }) meta!: MailOutboxListMeta;
}

export function toMailOutboxEntry(message: MailMessage): MailOutboxEntry {
  return {
    id: message.id,
    recipient: message.recipient,
    template: message.template,
    subject: message.subject,
    status: message.status,
    error: message.error,
    textBody: message.status === 'logged' ? message.textBody : null,
    createdAt: message.createdAt.toISOString(),
    sentAt: message.sentAt?.toISOString() ?? null,
  };
}
