import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidV7Entity } from '@quire/core';

export type MailStatus = 'queued' | 'sent' | 'failed' | 'logged';

/** Every mail Quire sends or, without SMTP in development, only logs: what the console's mail outbox shows. */
@Entity({ name: 'identity_mail_outbox' })
@Index('identity_mail_outbox_recipient', ['recipient'])
export class MailMessage extends UuidV7Entity {
  @Column({ type: 'text' }) recipient!: string;
  @Column({ type: 'text' }) template!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ name: 'text_body', type: 'text' }) textBody!: string;
  @Column({ name: 'html_body', type: 'text' }) htmlBody!: string;
  @Column({ type: 'text' }) status!: MailStatus;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
}
