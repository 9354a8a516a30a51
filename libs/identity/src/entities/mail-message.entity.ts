import { BeforeInsert, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidv7 } from '@quire/core';

export type MailStatus = 'queued' | 'sent' | 'failed' | 'logged';

/** Every mail Quire sends or, without SMTP in development, only logs: what the console's mail outbox shows. */
@Entity({ name: 'identity_mail_outbox' })
@Index('identity_mail_outbox_recipient', ['recipient'])
export class MailMessage {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) recipient!: string;
  @Column({ type: 'text' }) template!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ name: 'text_body', type: 'text' }) textBody!: string;
  @Column({ name: 'html_body', type: 'text' }) htmlBody!: string;
  @Column({ type: 'text' }) status!: MailStatus;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;

  @BeforeInsert() protected assignId(): void {
    this.id ??= uuidv7();
  }
}
