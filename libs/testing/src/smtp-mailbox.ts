import { freePort } from './free-port';
import { SMTPServer } from 'smtp-server';

/** A mail as the SMTP server received it: envelope, headers and the decoded text and HTML parts. */
export interface ReceivedMail {
  /** MAIL FROM. */
  envelopeFrom: string;
  /** RCPT TO, lower-cased. */
  envelopeTo: string[];
  /** Header names lower-cased, folded lines joined. */
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
}

/**
 * A real SMTP server on loopback that keeps every mail it receives, for end-to-end tests that read codes and
 * links out of mails the way a user would.
 */
export interface SmtpMailbox {
  url: string;
  received: ReceivedMail[];
  /** RCPT TO commands seen, refused ones included. */
  readonly rcptAttempts: number;
  /** Mails to `address` (case-insensitive), optionally only those whose subject contains `subject`. */
  mailsTo(address: string, subject?: string): ReceivedMail[];
  /** Waits until at least `count` such mails arrived and answers the last of them. */
  waitForMail(address: string, subject?: string, count?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** `rejectRecipients` makes the server refuse every RCPT TO, like a relay that is down. */
export async function startSmtpMailbox(options: { rejectRecipients?: boolean } = {}): Promise<SmtpMailbox> {
  const received: ReceivedMail[] = [];
  let rcptAttempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      rcptAttempts += 1;
      if (!options.rejectRecipients) return callback();
      callback(Object.assign(new Error('Mailbox unavailable in this test'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
          ...parseMail(Buffer.concat(chunks).toString('utf8')),
        });
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
      (mail) =>
        mail.envelopeTo.includes(address.toLowerCase()) && (subject === undefined || mail.subject.includes(subject)),
    );
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get rcptAttempts() {
      return rcptAttempts;
    },
    mailsTo,
    async waitForMail(address, subject, count = 1) {
      const what = `${count} mail(s)${subject === undefined ? '' : ` "${subject}"`} reached ${address}`;
      await until(() => mailsTo(address, subject).length >= count, what);
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

/** Just enough MIME for nodemailer's output: headers, multipart/alternative, 7bit, quoted-printable or base64. */
function parseMail(raw: string): Pick<ReceivedMail, 'headers' | 'subject' | 'text' | 'html'> {
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
  // Without a Content-Type, MIME says text/plain.
  const decoded = (type: string): string => {
    const part = parts.find((p) => (p.headers['content-type'] ?? 'text/plain').startsWith(type));
    return part ? decodeBody(part.body, part.headers['content-transfer-encoding']) : '';
  };
  return { headers, subject: headers.subject ?? '', text: decoded('text/plain'), html: decoded('text/html') };
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
