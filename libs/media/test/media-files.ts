import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Files for the media suites, made in the test: images by sharp, the rest by hand, each as small as it can be
 * while still being what a real tool writes.
 */

/** A PNG of noise (so that it does not compress to nothing): about width × height × 3 bytes. */
export function noisePng(width: number, height: number): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
  })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** A small PNG of one colour; `seed` makes each call's bytes different (dedupe keys on bytes). */
export function png(width = 16, height = 12, seed = 0): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: { r: seed % 256, g: (seed >> 8) % 256, b: 90 } },
  })
    .png()
    .toBuffer();
}

/** A JPEG carrying EXIF (camera make, a GPS position): the metadata the library treats as personal data. */
export function jpegWithExif(seed = 0): Promise<Buffer> {
  return sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 200, g: seed % 256, b: 10 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'QuireCam', Model: 'Test 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '13/1 24/1 0/1' },
    })
    .toBuffer();
}

/** A one-page PDF written by hand (header, catalog, pages, page, trailer). */
export function pdf(text = 'Hello'): Buffer {
  return Buffer.from(
    '%PDF-1.4\n' +
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents (${text}) >> endobj\n` +
      'trailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
}

export function svg(body = '<circle cx="5" cy="5" r="4" fill="red"/>'): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${body}</svg>\n`,
  );
}

/** The end-of-central-directory record of an empty ZIP archive: appended to a file, ZIP readers open it. */
export const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

/** A PNG chunk with its CRC. */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a valid PNG header declaring width × height pixels, with one tiny compressed row of data.
 * Decoding it would allocate width × height × 3 bytes; its header alone is enough to refuse it.
 */
export function pngDeclaring(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(width * 3 + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG with a text chunk (where a polyglot hides its second format). */
export async function pngWithText(text: string): Promise<Buffer> {
  const image = await png(8, 8, 7);
  const iendAt = image.length - 12;
  return Buffer.concat([
    image.subarray(0, iendAt),
    chunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1')),
    image.subarray(iendAt),
  ]);
}

let table: Uint32Array | null = null;
function crc32(data: Buffer): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = table[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
