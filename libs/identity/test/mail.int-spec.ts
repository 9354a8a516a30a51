import type { LoggerService } from '@nestjs/common';
import { IdentityPlugin } from '@quire/identity';
import { createTestApp, startSmtpMailbox, until, type SmtpMailbox, type TestApp } from '@quire/testing';
import { MAIL_DELIVERY_QUEUE, MailSender } from '../src/mail/mail-sender';

// One retry, one second apart: the failure path ends in seconds, not the production quarter of an hour.
const mailRetry = { retryLimit: 1, retryDelaySeconds: 1 };

const mailFrom = 'Quire Test <no-reply@quire.test>';

interface OutboxRow {
  status: string;
  error: string | null;
  sent_at: Date | null;
  template: string;
  recipient: string;
  text_body: string;
  html_body: string;
}

const outboxRow = async (app: TestApp, id: string): Promise<OutboxRow> => {
  const [row] = await app.dataSource.query(
    `SELECT status, error, sent_at, template, recipient, text_body, html_body FROM identity_mail_outbox WHERE id = $1`,
    [id],
  );
  return row as OutboxRow;
};

/** Collects what the app logs, to check what reaches the log and what never does. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log = (message: unknown): void => void this.lines.push(String(message));
  error = (message: unknown): void => void this.lines.push(String(message));
  warn = (message: unknown): void => void this.lines.push(String(message));
  debug = (message: unknown): void => void this.lines.push(String(message));
  verbose = (message: unknown): void => void this.lines.push(String(message));
}

describe(MailSender.name, () => {
  let smtp: SmtpMailbox;
  let refusingSmtp: SmtpMailbox;
  let withSmtp: TestApp;
  let withRefusingSmtp: TestApp;
  let withoutSmtp: TestApp;
  const logs = new CapturingLogger();

  beforeAll(async () => {
    smtp = await startSmtpMailbox();
    refusingSmtp = await startSmtpMailbox({ rejectRecipients: true });
    withSmtp = await createTestApp({
      plugins: [IdentityPlugin.with({ smtpUrl: smtp.url, mailFrom, mailRetry })],
    });
    withRefusingSmtp = await createTestApp({
      plugins: [IdentityPlugin.with({ smtpUrl: refusingSmtp.url, mailFrom, mailRetry })],
    });
    // Last: Nest's logger is process-wide, so the capturing logger sees every app's lines from here on.
    withoutSmtp = await createTestApp({ plugins: [IdentityPlugin.with({ mailFrom })], logger: logs });
  });
  afterAll(async () => {
    await withoutSmtp?.close();
    await withRefusingSmtp?.close();
    await withSmtp?.close();
    await refusingSmtp?.close();
    await smtp?.close();
  });

  it('delivers a sign-in code over SMTP, in text and HTML, and marks the outbox row sent', async () => {
    const sut = withSmtp.app.get(MailSender);
    const id = await sut.send('ada@example.com', 'signInCode', { code: '482913', minutes: 10 });

    const mail = await smtp.waitForMail('ada@example.com');
    expect(mail.headers.subject).toBe('Your Quire sign-in code');
    expect(mail.headers.from).toBe('Quire Test <no-reply@quire.test>');
    expect(mail.headers.to).toBe('ada@example.com');
    expect(mail.envelopeFrom).toBe('no-reply@quire.test');
    expect(mail.text).toContain('482913');
    expect(mail.text).toContain('10 minutes');
    expect(mail.html).toContain('482913');

    await until(async () => (await outboxRow(withSmtp, id)).status === 'sent', 'the row is marked sent');
    expect(await outboxRow(withSmtp, id)).toMatchObject({
      status: 'sent',
      error: null,
      sent_at: expect.any(Date),
      template: 'signInCode',
      recipient: 'ada@example.com',
      // The code is a credential: once handed to SMTP, the outbox keeps no text.
      text_body: '',
      html_body: '',
    });
  });

  it('escapes a display name in the HTML part and keeps it as typed in the text part', async () => {
    const sut = withSmtp.app.get(MailSender);
    await sut.send('mallory@example.com', 'verifyEmail', {
      displayName: '<script>alert(1)</script>',
      link: 'https://cms.example.com/verify?token=t0k&lang=en',
    });

    const mail = await smtp.waitForMail('mallory@example.com');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(mail.html).toContain('href="https://cms.example.com/verify?token=t0k&amp;lang=en"');
    expect(mail.text).toContain('Hello <script>alert(1)</script>,');
    expect(mail.text).toContain('https://cms.example.com/verify?token=t0k&lang=en');
  });

  it('without SMTP, records the mail as logged, queues nothing and logs no code', async () => {
    const sut = withoutSmtp.app.get(MailSender);
    const before = smtp.received.length + refusingSmtp.rcptAttempts;
    const id = await sut.send('grace@example.com', 'signInCode', { code: '771204', minutes: 10 });

    // Recorded before `send` returns: no worker is involved.
    expect(await outboxRow(withoutSmtp, id)).toMatchObject({
      status: 'logged',
      sent_at: null,
      text_body: expect.stringContaining('771204'),
    });
    // The queue's schema may not even exist in this app: nothing in it started pg-boss.
    const [{ queue }] = await withoutSmtp.dataSource.query(`SELECT to_regclass('pgboss.job') IS NOT NULL AS queue`);
    if (queue) {
      const jobs = await withoutSmtp.dataSource.query(`SELECT id FROM pgboss.job WHERE name = $1`, [
        MAIL_DELIVERY_QUEUE,
      ]);
      expect(jobs).toEqual([]);
    }
    expect(smtp.received.length + refusingSmtp.rcptAttempts).toBe(before);

    const line = logs.lines.find((l) => l.includes('grace@example.com'));
    expect(line).toContain('Your Quire sign-in code');
    expect(logs.lines.join('\n')).not.toContain('771204');
  });

  it('leaves the row failed, with the server’s error, once the retries are used up', async () => {
    const sut = withRefusingSmtp.app.get(MailSender);
    const id = await sut.send('bounce@example.com', 'passwordReset', {
      displayName: 'Bounce',
      link: 'https://cms.example.com/reset?token=r3s3t',
      minutes: 30,
    });

    await until(async () => (await outboxRow(withRefusingSmtp, id)).status === 'failed', 'the last attempt failed');
    const row = await outboxRow(withRefusingSmtp, id);
    expect(row.sent_at).toBeNull();
    expect(row.error).toMatch(/550/);
    expect(row.error).toMatch(/Mailbox unavailable in this test/);
    expect(row).toMatchObject({ text_body: '', html_body: '' });
    // The first attempt and one retry (the test's policy), and no more.
    expect(refusingSmtp.rcptAttempts).toBe(2);
    const [job] = await withRefusingSmtp.dataSource.query(`SELECT state FROM pgboss.job WHERE name = $1 AND id = $2`, [
      MAIL_DELIVERY_QUEUE,
      id,
    ]);
    expect(job.state).toBe('failed');
  });
});
