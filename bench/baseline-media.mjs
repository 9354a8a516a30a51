// The raw baseline of the media benchmarks: node:http and the file system, nothing else.
//   POST /upload   → streams the request body (the same multipart bytes Quire gets) to a new file under
//                    BENCH_MEDIA_DIR with `pipeline`, hashing it with SHA-256 as it passes, then 201 with the hash
//   GET  /file     → the file BENCH_SERVE_FILE (set by run.mjs to the cached variant Quire wrote) with
//                    fs.createReadStream, its content type, length and a strong ETag (304 on If-None-Match)
// Environment: BENCH_MEDIA_DIR, BENCH_SERVE_FILE (optional until the variant scenario), PORT (0 = any free port).
// Prints `BENCH_READY {"url":…}` when listening.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, statSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const dir = process.env.BENCH_MEDIA_DIR;
if (!dir) {
  console.error('baseline-media: BENCH_MEDIA_DIR is required');
  process.exit(1);
}
mkdirSync(dir, { recursive: true });
let uploads = 0;

async function upload(request, response) {
  const path = join(dir, `upload-${process.pid}-${uploads++}`);
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(request, hashing, createWriteStream(path));
  // Kept no longer than the request: the run would otherwise fill the disk with identical files.
  await unlink(path);
  response.writeHead(201, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ checksum: hash.digest('hex') }));
}

function serveFile(request, response) {
  const file = process.env.BENCH_SERVE_FILE;
  const { size, mtimeMs } = statSync(file);
  const etag = `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, { etag });
    response.end();
    return;
  }
  response.writeHead(200, { 'content-type': 'image/webp', 'content-length': size, etag });
  createReadStream(file).pipe(response);
}

const server = createServer((request, response) => {
  const done = (error) => {
    if (!error) return;
    response.writeHead(500);
    response.end(String(error));
  };
  if (request.method === 'POST' && request.url === '/upload') upload(request, response).catch(done);
  else if (request.method === 'GET' && request.url === '/file') serveFile(request, response);
  else {
    response.writeHead(404);
    response.end();
  }
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`);
});
