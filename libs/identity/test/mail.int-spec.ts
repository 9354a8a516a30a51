import type { LoggerService } from '@nestjs/common';
import { IdentityPlugin } from '@quire/identity';
import { createTestApp, freePort, type TestApp } from '@quire/testing';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { MAIL_DELIVERY_QUEUE, MailSender } from '../src/mail/mail-sender';

// One retry, one second apart: the failure path ends in seconds, not the production quarter of an hour.
const mailRetry = { retryLimit: 1, retryDelaySeconds: 1 };

const mailFrom = 'Quire Test <no-reply@quire.test>';

interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  headers: Record<string, string>;
  text: string;
  html: string;
}

/** A real SMTP server on loopback; `rejectRecipients` makes it refuse every RCPT TO like a relay that is down. */
async function startSmtpServer(
  options: { rejectRecipients?: boolean } = {},
): Promise<{ url: string; received: ReceivedMail[]; rcptAttempts: number; close(): Promise<void> }> {
  const state = { received: [] as ReceivedMail[], rcptAttempts: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address: SMTPServerAddress, _session, callback) {
      state.rcptAttempts += 1;
      if (options.rejectRecipients) {
        const error = Object.assign(new Error('Mailbox unavailable in this test'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        state.received.push({ envelopeFrom, envelopeTo, ...parseMime(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: state.received,
    get rcptAttempts() {
      return state.rcptAttempts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Just enough MIME for nodemailer's output: headers, multipart/alternative, 7bit, quoted-printable or base64. */
function parseMime(raw: string): { headers: Record<string, string>; text: string; html: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = parseHeaders(head);
  const body = rest.join('\r\n\r\n');
  const parts: Array<{ headers: Record<string, string>; body: string }> = [];
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
  if (boundary) {
    for (const section of body.split(`--${boundary}`).slice(1)) {
      if (section.startsWith('--')) break;
      const [partHead, ...partBody] = section.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
      parts.push({ headers: parseHeaders(partHead), body: partBody.join('\r\n\r\n') });
    }
  } else parts.push({ headers, body });
  const decoded = (type: string): string => {
    const part = parts.find((p) => (p.headers['content-type'] ?? '').startsWith(type));
    return part ? decodeBody(part.body, part.headers['content-transfer-encoding']) : '';
  };
  return { headers, text: decoded('text/plain'), html: decoded('text/html') };
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeBody(body: string, encoding = '7bit'): string {
  const trimmed = body.replace(/\r?\n$/, '');
  if (encoding.toLowerCase() === 'base64') return Buffer.from(trimmed, 'base64').toString('utf8');
  if (encoding.toLowerCase() === 'quoted-printable') {
    const bytes = trimmed
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return trimmed.replace(/\r\n/g, '\n');
}

/** Polls `check` until it holds; fails after `timeoutMs` (generous: only a broken worker gets near it). */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface OutboxRow {
  status: string;
  error: string | null;
  sent_at: Date | null;
  template: string;
  recipient: string;
  text_body: string;
}

const outboxRow = async (app: TestApp, id: string): Promise<OutboxRow> => {
  const [row] = await app.dataSource.query(
    `SELECT status, error, sent_at, template, recipient, text_body FROM identity_mail_outbox WHERE id = $1`,
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
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let refusingSmtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let withSmtp: TestApp;
  let withRefusingSmtp: TestApp;
  let withoutSmtp: TestApp;
  const logs = new CapturingLogger();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    refusingSmtp = await startSmtpServer({ rejectRecipients: true });
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

    await until(() => smtp.received.some((mail) => mail.envelopeTo.includes('ada@example.com')), 'the mail arrived');
    const mail = smtp.received.find((m) => m.envelopeTo.includes('ada@example.com'))!;
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
    });
  });

  it('escapes a display name in the HTML part and keeps it as typed in the text part', async () => {
    const sut = withSmtp.app.get(MailSender);
    await sut.send('mallory@example.com', 'verifyEmail', {
      displayName: '<script>alert(1)</script>',
      link: 'https://cms.example.com/verify?token=t0k&lang=en',
    });

    await until(() => smtp.received.some((m) => m.envelopeTo.includes('mallory@example.com')), 'the mail arrived');
    const mail = smtp.received.find((m) => m.envelopeTo.includes('mallory@example.com'))!;
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
    // The first attempt and one retry (the test's policy), and no more.
    expect(refusingSmtp.rcptAttempts).toBe(2);
    const [job] = await withRefusingSmtp.dataSource.query(`SELECT state FROM pgboss.job WHERE name = $1 AND id = $2`, [
      MAIL_DELIVERY_QUEUE,
      id,
    ]);
    expect(job.state).toBe('failed');
  });
});
