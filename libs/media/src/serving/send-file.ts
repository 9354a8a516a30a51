import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { ServedFile } from './served-file';

/**
 * Writes a file answer: headers, then the bytes streamed from storage (not for HEAD or 304). An error before the
 * first byte goes up to the problem filter; one in the middle of the transfer can only cut the connection.
 */
export async function sendFile(request: Request, response: Response, served: ServedFile): Promise<void> {
  const body = served.open && request.method !== 'HEAD' ? await served.open() : null;
  response.status(served.status);
  response.set(served.headers);
  if (!body) {
    response.end();
    return;
  }
  try {
    await pipeline(body, response);
  } catch {
    // The client went away, or storage failed mid-stream: nothing more can be said on this response.
    response.destroy();
  }
}
