import type { Request, Response } from 'express';

/** How long the rest of a refused upload is read (and thrown away) before the connection is cut. */
const DRAIN_MS = 5000;

/**
 * When an upload is answered before its body was read to the end (refused mid-stream), the rest of the body is
 * read and thrown away so that the client, still sending, receives the answer instead of a reset connection; a
 * client that keeps sending past DRAIN_MS loses the connection.
 */
export function drainAfterAnswer(request: Request, response: Response): void {
  response.once('finish', () => {
    if (request.complete) return;
    const timer = setTimeout(() => request.socket?.destroy(), DRAIN_MS);
    timer.unref();
    request.once('end', () => clearTimeout(timer));
    request.once('close', () => clearTimeout(timer));
    request.resume();
  });
}
