import { Readable } from 'node:stream';

/**
 * Reads the first `max` bytes (or a little more: whole chunks) of a stream and pauses it there. The caller gets
 * a stream that yields the same bytes from the start again (`replay`), so nothing is lost and nothing beyond the
 * head is held in memory.
 */
export function readHead(stream: Readable, max: number): Promise<{ head: Buffer; ended: boolean; replay: Readable }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const finish = (ended: boolean) => {
      cleanup();
      stream.pause();
      const head = Buffer.concat(chunks);
      // After 'end' a stream takes nothing back: the head is then the whole file.
      if (ended) return resolve({ head, ended, replay: Readable.from([head], { objectMode: false }) });
      stream.unshift(head);
      resolve({ head, ended, replay: stream });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= max) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}
