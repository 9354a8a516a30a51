import { freePort } from '@quire/testing';
import { SMTPServer } from 'smtp-server';

/** A mail as the SMTP server received it: envelope, headers and the decoded text part. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/**
 * A real SMTP server on loopback that keeps every mail it receives, for end-to-end tests that read codes and
 * links out of mails the way a user would.
 */
export interface SmtpMailbox {
  url: string;
  received: ReceivedMail[];
  /** Mails to `address` (case-insensitive), optionally only those whose subject contains `subject`. */
  mailsTo(address: string, subject?: string): ReceivedMail[];
  /** Waits until at least `count` such mails arrived and answers the last of them. */
  waitForMail(address: string, subject: string, count?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpMailbox(): Promise<SmtpMailbox> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { subject, text } = parseMail(Buffer.concat(chunks).toString('utf8'));
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()), subject, text });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  const mailsTo = (address: string, subject?: string): ReceivedMail[] =>
    received.filter(
      (mail) => mail.to.includes(address.toLowerCase()) && (subject === undefined || mail.subject.includes(subject)),
    );
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    mailsTo,
    async waitForMail(address, subject, count = 1) {
      await until(() => mailsTo(address, subject).length >= count, `${count} mail(s) "${subject}" reached ${address}`);
      return mailsTo(address, subject)[count - 1];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls `check` until it holds; fails after `timeoutMs` (generous: only a broken mail worker gets near it). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Just enough MIME for nodemailer's output: the Subject header and the text/plain part (7bit, QP or base64). */
function parseMail(raw: string): { subject: string; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = parseHeaders(head);
  const body = rest.join('\r\n\r\n');
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
  let text = decodeBody(body, headers['content-transfer-encoding']);
  if (boundary) {
    for (const section of body.split(`--${boundary}`).slice(1)) {
      const [partHead, ...partBody] = section.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
      const partHeaders = parseHeaders(partHead);
      if ((partHeaders['content-type'] ?? '').startsWith('text/plain')) {
        text = decodeBody(partBody.join('\r\n\r\n'), partHeaders['content-transfer-encoding']);
        break;
      }
    }
  }
  return { subject: headers.subject ?? '', text };
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
