import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';

/**
 * Graceful stop: refuse new connections, let in-flight requests finish (closing idle keep-alive sockets),
 * force the rest after `timeoutMs`, then close the app — queue, scheduler, plugins' hooks and the database
 * pool stop only once no request can still need them.
 */
export async function drainAndClose(app: INestApplication, timeoutMs: number): Promise<void> {
  const server = app.getHttpServer() as Server;
  if (server.listening) {
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
    await drained;
    clearTimeout(force);
  }
  await app.close();
}
