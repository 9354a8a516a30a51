import { createSocket, type Socket } from 'node:dgram';
import * as dnsPacket from 'dns-packet';

const NOERROR = 0;
const SERVFAIL = 2;
const NXDOMAIN = 3;

/**
 * An authoritative-looking DNS server on a loopback UDP port, answering TXT questions from a table the test
 * controls: a real DNS exchange for the domain-verification code (node's resolver, c-ares, over UDP).
 * Unknown names answer NXDOMAIN; names marked failing answer SERVFAIL.
 */
export class SsoDnsServer {
  private readonly records = new Map<string, string[]>();
  private readonly failing = new Set<string>();
  /** Every question asked, lower-case: to check what the code looked up. */
  readonly questions: string[] = [];

  private constructor(
    private readonly socket: Socket,
    /** `127.0.0.1:<port>`, as the identity plugin's `sso.dnsServers` takes it. */
    readonly address: string,
  ) {}

  static async start(): Promise<SsoDnsServer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const server = new SsoDnsServer(socket, `127.0.0.1:${socket.address().port}`);
    socket.on('message', (message, remote) => server.answer(message, remote.port, remote.address));
    return server;
  }

  setTxt(name: string, values: string[]): void {
    this.records.set(name.toLowerCase(), values);
  }

  failFor(name: string): void {
    this.failing.add(name.toLowerCase());
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  private answer(message: Buffer, port: number, address: string): void {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase();
    this.questions.push(name);
    const values = this.records.get(name);
    const rcode = this.failing.has(name) ? SERVFAIL : values ? NOERROR : NXDOMAIN;
    const answers: dnsPacket.Answer[] =
      rcode === NOERROR && question.type === 'TXT'
        ? values!.map((value) => ({ type: 'TXT', name: question.name, ttl: 60, class: 'IN', data: value }))
        : [];
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id,
      // Authoritative answer, recursion desired and available, as a resolver expects; the rcode is the low 4 bits.
      flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode,
      questions: [question],
      answers,
    });
    this.socket.send(response, port, address);
  }
}
