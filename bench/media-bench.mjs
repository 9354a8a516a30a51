// Media scenarios of bench/run.mjs (issue #7), each against a raw node:http baseline in the same run
// (bench/baseline-media.mjs):
//   media-memory   the Quire server's resident memory during one 1 GB multipart upload: VmRSS of its process
//                  (/proc/<pid>/status) sampled every 20 ms, peak minus idle (the mean of 1 s of samples before).
//                  The client streams generated 1 MiB chunks and never holds the file.
//   media-upload   a 10 MB multipart upload (a PDF; each request's bytes differ, so nothing deduplicates),
//                  Quire's POST …/media versus node:http piping the same bytes to disk with SHA-256
//   media-variant  a cached variant (`medium` of a 2400×1600 JPEG: WebP) from Quire's public delivery route
//                  versus the same file served by node:http with fs.createReadStream
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import autocannon from 'autocannon';
import sharp from 'sharp';
import { sampleRss } from './lib/rss-sampler.mjs';

export const MEDIA_SCENARIOS = ['media-memory', 'media-upload', 'media-variant'];
const UPLOAD_BYTES = 10 * 1000 * 1000;
const MEMORY_UPLOAD_BYTES = 1024 ** 3;
const UPLOAD_CONNECTIONS = 8;
const BOUNDARY = 'quire-bench-boundary';

/** A multipart body around `file` (field `file`), as a browser writes it. */
function multipartParts(fileName, contentType) {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return { head, tail, contentType: `multipart/form-data; boundary=${BOUNDARY}` };
}

/** A PDF of `size` bytes: a header, one stream object of random bytes, a trailer (what file-type sees is a PDF). */
function pdfParts(size) {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 0 >>\nstream\n', 'latin1');
  const tail = Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
  return { head, tail, streamBytes: size - head.length - tail.length };
}

async function memoryDuringUpload({ quire, uploadUrl, auth }) {
  const pdf = pdfParts(MEMORY_UPLOAD_BYTES);
  const form = multipartParts('one-gigabyte.pdf', 'application/pdf');
  const chunk = randomBytes(1024 * 1024);
  const length = form.head.length + pdf.head.length + pdf.streamBytes + pdf.tail.length + form.tail.length;
  const upload = () =>
    new Promise((resolve, reject) => {
      const request = http.request(uploadUrl, {
        method: 'POST',
        headers: { ...auth, 'content-type': form.contentType, 'content-length': length },
      });
      request.on('response', (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      });
      request.on('error', reject);
      // Written with back-pressure: at most one chunk waits in this process.
      (async () => {
        const write = (buffer) =>
          request.write(buffer) ? Promise.resolve() : new Promise((done) => request.once('drain', done));
        await write(form.head);
        await write(pdf.head);
        for (let left = pdf.streamBytes; left > 0; left -= chunk.length) {
          chunk.writeUInt32BE(left >>> 0, 0);
          await write(left >= chunk.length ? chunk : chunk.subarray(0, left));
        }
        await write(pdf.tail);
        request.end(form.tail);
      })().catch(reject);
    });
  const memory = await sampleRss(quire.pid, async () => {
    const started = Date.now();
    const status = await upload();
    return { status, seconds: (Date.now() - started) / 1000 };
  });
  return {
    status: memory.result.status,
    bytes: length,
    seconds: memory.result.seconds,
    ...memory.rss,
    hwmBeforeMiB: memory.hwmBeforeMiB,
    hwmAfterMiB: memory.hwmAfterMiB,
  };
}

async function loadWith(title, options, { warmup, duration }) {
  await autocannon({ ...options, duration: warmup, title: `${title} (warm-up)` });
  const r = await autocannon({ ...options, duration, title });
  return {
    title,
    url: options.url,
    connections: options.connections,
    durationSeconds: r.duration,
    requests: r.requests.total,
    reqPerSec: r.requests.average,
    throughputMiBps: r.throughput.average / 1024 ** 2,
    latencyMs: {
      mean: r.latency.average,
      p50: r.latency.p50,
      p97_5: r.latency.p97_5,
      p99: r.latency.p99,
      max: r.latency.max,
    },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes: r.statusCodeStats,
  };
}

/** One upload body per request (a counter in the PDF's stream), so that Quire never deduplicates. */
function uploadOptions(url, headers) {
  const pdf = pdfParts(UPLOAD_BYTES);
  const form = multipartParts('ten-megabytes.pdf', 'application/pdf');
  const body = Buffer.concat([form.head, pdf.head, randomBytes(pdf.streamBytes), pdf.tail, form.tail]);
  const counterAt = form.head.length + pdf.head.length;
  let counter = 0;
  return {
    url,
    method: 'POST',
    connections: UPLOAD_CONNECTIONS,
    timeout: 60,
    headers: { ...headers, 'content-type': form.contentType },
    requests: [
      {
        setupRequest: (request) => {
          body.writeUInt32BE(counter++, counterAt);
          body.writeUInt32BE(process.hrtime()[1], counterAt + 4);
          return { ...request, body };
        },
      },
    ],
  };
}

/**
 * Runs the selected media scenarios. `quire` is the bench server (url, pid, workspaceSlug, workspaceId, token),
 * `startBaseline(env)` starts bench/baseline-media.mjs; rows go to the printed table, the rest to the report.
 */
export async function runMediaBenches({ only, quire, mediaRoot, startBaseline, timing, connections, rows, ratio }) {
  const auth = { authorization: `Bearer ${quire.accessToken}` };
  const uploadUrl = `${quire.url}/api/v1/workspaces/${quire.workspaceSlug}/media`;
  const report = {};

  // First, before any other load: the idle figure is the server's after start-up.
  if (only.has('media-memory')) {
    report.memory = await memoryDuringUpload({ quire, uploadUrl, auth });
    const m = report.memory;
    console.log(
      `\n1 GB upload: ${m.status} in ${m.seconds.toFixed(1)} s; Quire RSS idle ${m.idleRssMiB.toFixed(0)} MiB, ` +
        `peak ${m.peakRssMiB.toFixed(0)} MiB (+${m.peakAboveIdleMiB.toFixed(0)} MiB above idle; ` +
        `VmHWM ${m.hwmBeforeMiB.toFixed(0)} → ${m.hwmAfterMiB.toFixed(0)} MiB)`,
    );
    if (m.status !== 201) throw new Error(`the 1 GB upload answered ${m.status}`);
  }

  let variantFile = null;
  let variantPath = null;
  if (only.has('media-variant')) {
    const image = await sharp({
      create: {
        width: 2400,
        height: 1600,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 50 },
      },
    })
      .jpeg({ quality: 85 })
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([image], { type: 'image/jpeg' }), 'photo.jpg');
    const uploaded = await fetch(uploadUrl, { method: 'POST', headers: auth, body: form });
    if (uploaded.status !== 201)
      throw new Error(`variant source upload answered ${uploaded.status}: ${await uploaded.text()}`);
    const asset = await uploaded.json();
    variantPath = `/api/v1/delivery/${quire.workspaceId}/media/${asset.id}/variants/medium`;
    const first = await fetch(`${quire.url}${variantPath}`);
    if (first.status !== 200) throw new Error(`variant answered ${first.status}: ${await first.text()}`);
    const bytes = Buffer.from(await first.arrayBuffer());
    const folder = join(mediaRoot, 'variants', asset.id);
    variantFile = join(
      folder,
      readdirSync(folder).find((name) => name.endsWith('.webp')),
    );
    if (Buffer.compare(readFileSync(variantFile), bytes) !== 0)
      throw new Error('the cached variant differs from the answer');
    report.variant = { bytes: bytes.length, etag: first.headers.get('etag'), path: variantPath };
  }

  const baseline = await startBaseline({
    BENCH_MEDIA_DIR: join(mediaRoot, 'baseline'),
    ...(variantFile && { BENCH_SERVE_FILE: variantFile }),
  });

  if (only.has('media-variant')) {
    const q = await loadWith(
      'media-variant quire',
      { url: `${quire.url}${variantPath}`, connections, timeout: 10 },
      timing,
    );
    const b = await loadWith(
      'media-variant baseline',
      { url: `${baseline.url}/file`, connections, timeout: 10 },
      timing,
    );
    const scenario = `cached variant (${(report.variant.bytes / 1024).toFixed(0)} KiB WebP)`;
    rows.push({
      scenario,
      server: 'Quire (Express)',
      result: q,
      ratio: `${ratio(q.reqPerSec, b.reqPerSec)}× baseline`,
    });
    rows.push({ scenario, server: 'baseline node:http + fs', result: b, ratio: '1×' });
  }
  if (only.has('media-upload')) {
    const q = await loadWith('media-upload quire', uploadOptions(uploadUrl, auth), timing);
    const b = await loadWith('media-upload baseline', uploadOptions(`${baseline.url}/upload`, {}), timing);
    const scenario = `upload 10 MB (${UPLOAD_CONNECTIONS} connections)`;
    rows.push({
      scenario,
      server: 'Quire (Express)',
      result: q,
      ratio: `${ratio(q.reqPerSec, b.reqPerSec)}× baseline`,
    });
    rows.push({ scenario, server: 'baseline node:http → disk', result: b, ratio: '1×' });
  }
  return report;
}
