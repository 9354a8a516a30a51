// The S3 test server's own process (started by s3-server.ts). A separate process because s3rver encrypts
// ListObjectsV2 continuation tokens with DES, which Node's OpenSSL 3 only offers with --openssl-legacy-provider:
// the flag stays out of the test process, and paged listings work as on real S3.
'use strict';

const { createServer } = require('node:http');
const S3rver = require('s3rver');

const { directory, bucket, port } = JSON.parse(process.argv[2]);

async function main() {
  const s3rver = new S3rver({ directory, silent: true, configureBuckets: [{ name: bucket }] });
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  const server = createServer((request, response) => {
    response.once('finish', () => {
      process.send?.({
        type: 'request',
        method: request.method,
        url: request.url,
        status: response.statusCode,
        headers: request.headers,
        bytes: Number(request.headers['content-length'] ?? 0),
      });
    });
    handle(request, response);
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  process.send?.({ type: 'ready' });
}

// The test process is gone or closes the server: nothing else keeps this one alive.
process.on('disconnect', () => process.exit(0));
main().catch((error) => {
  process.send?.({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
