import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP forwarder on a loopback port known before the app starts: the app's `publicUrl` (redirect URI, SAML
 * ACS) must be configured at boot, but createTestApp picks its own port. Like a load balancer in front of Quire.
 */
export class SsoFrontDoor {
  private targetPort: number | null = null;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async open(): Promise<SsoFrontDoor> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const door = new SsoFrontDoor(server, `http://127.0.0.1:${port}`);
    server.on('connection', (client: Socket) => door.forward(client));
    return door;
  }

  /** Where connections go from now on (the app's own URL). */
  forwardTo(appUrl: string): void {
    this.targetPort = Number(new URL(appUrl).port);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: Socket): void {
    if (this.targetPort === null) {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
