import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/** One request the server answered, for tests that check what a driver sent. */
export interface S3RequestRecord {
  method: string;
  /** Path and query, e.g. `/bucket/key?partNumber=1&uploadId=…`. */
  url: string;
  status: number;
  /** Request headers, names lower-cased. */
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A real S3-compatible server (npm `s3rver`) on 127.0.0.1, with its objects in a temporary folder and one bucket.
 * s3rver accepts only its built-in account, so its credentials are fixed.
 */
export interface S3TestServer {
  /** `http://127.0.0.1:<port>`; address it path-style (`forcePathStyle: true`). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Where s3rver keeps the objects (removed by `close`). */
  directory: string;
  /** The variables that point Quire's media storage at this server: `createTestApp({ env: s3.env })`. */
  env: Record<string, string>;
  /** Requests answered so far, oldest first (reported by the server process, so a moment late). */
  requests: S3RequestRecord[];
  /** Bytes of request bodies the server has fully received (their Content-Length), e.g. uploaded parts. */
  readonly bytesReceived: number;
  close(): Promise<void>;
}

type ServerMessage =
  { type: 'ready' } | { type: 'failed'; message: string } | ({ type: 'request'; bytes: number } & S3RequestRecord);

export async function startS3Server(options: { bucket?: string } = {}): Promise<S3TestServer> {
  const bucket = options.bucket ?? 'quire-test';
  const directory = await mkdtemp(join(tmpdir(), 'quire-s3-'));
  const port = await freePort();
  const child = fork(join(__dirname, 's3rver-process.cjs'), [JSON.stringify({ directory, bucket, port })], {
    execArgv: ['--openssl-legacy-provider'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

  const requests: S3RequestRecord[] = [];
  let bytesReceived = 0;
  const exited = once(child, 'exit');
  const ready = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The S3 test server exited with code ${code} before it was ready`)));
    child.on('message', (message: ServerMessage) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'failed') reject(new Error(`The S3 test server failed to start: ${message.message}`));
      else {
        requests.push({ method: message.method, url: message.url, status: message.status, headers: message.headers });
        bytesReceived += message.bytes;
      }
    });
  });
  try {
    await ready;
  } catch (error) {
    child.kill();
    await rm(directory, { recursive: true, force: true });
    throw error;
  }

  const endpoint = `http://127.0.0.1:${port}`;
  const region = 'us-east-1';
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    endpoint,
    bucket,
    region,
    ...credentials,
    directory,
    env: {
      MEDIA_STORAGE: 's3',
      MEDIA_S3_ENDPOINT: endpoint,
      MEDIA_S3_BUCKET: bucket,
      MEDIA_S3_REGION: region,
      MEDIA_S3_FORCE_PATH_STYLE: 'true',
      MEDIA_S3_ACCESS_KEY_ID: credentials.accessKeyId,
      MEDIA_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    requests,
    get bytesReceived() {
      return bytesReceived;
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.disconnect();
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}
