import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ContentScanner, endsWithZipDirectory } from './content-scanner';
import type { DetectedType } from './media-types';

const EOCD = (comment = ''): Buffer =>
  Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x05, 0x06]),
    Buffer.alloc(16),
    Buffer.from([comment.length & 0xff, comment.length >> 8]),
    Buffer.from(comment, 'latin1'),
  ]);

const PNG: DetectedType = { mime: 'image/png', ext: 'png', kind: 'image' };
const MP4: DetectedType = { mime: 'video/mp4', ext: 'mp4', kind: 'video' };
const SVG: DetectedType = { mime: 'image/svg+xml', ext: 'svg', kind: 'image' };
const DOCX: DetectedType = {
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ext: 'docx',
  kind: 'document',
};

/** Streams `chunks` through a scanner; resolves with the bytes or rejects with its finding. */
async function scan(type: DetectedType, chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(chunks), new ContentScanner(type), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) out.push(chunk);
  });
  return Buffer.concat(out);
}

describe(endsWithZipDirectory.name, () => {
  it('finds a well-formed end record, with or without a comment', () => {
    const data = Buffer.concat([Buffer.alloc(100, 1), EOCD()]);
    expect(endsWithZipDirectory(data, data.length)).toBe(true);
    const commented = Buffer.concat([Buffer.alloc(100, 1), EOCD('hi there')]);
    expect(endsWithZipDirectory(commented, commented.length)).toBe(true);
  });

  it('ignores the signature where the comment length does not reach the end', () => {
    const data = Buffer.concat([EOCD(), Buffer.alloc(10, 1)]);
    expect(endsWithZipDirectory(data, data.length)).toBe(false);
  });
});

describe(ContentScanner.name, () => {
  it('passes clean bytes through unchanged', async () => {
    const bytes = Buffer.alloc(200_000, 0x42);
    expect(Buffer.compare(await scan(PNG, [bytes.subarray(0, 70_000), bytes.subarray(70_000)]), bytes)).toBe(0);
  });

  it('finds markup split across chunks of an image', async () => {
    await expect(scan(PNG, [Buffer.alloc(5000, 1), Buffer.from('<scr'), Buffer.from('ipt>x')])).rejects.toMatchObject({
      code: 'media.unsafe-content',
    });
  });

  it('finds a ZIP appended to a video, but not to a ZIP-based document', async () => {
    const body = [Buffer.alloc(80_000, 3), EOCD()];
    await expect(scan(MP4, body)).rejects.toMatchObject({ code: 'media.unsafe-content' });
    await expect(scan(DOCX, body)).resolves.toBeInstanceOf(Buffer);
  });

  it('checks only the sniffed start of audio and video for markup', async () => {
    await expect(scan(MP4, [Buffer.alloc(5000), Buffer.from('<script>')])).resolves.toBeInstanceOf(Buffer);
  });

  it.each([
    '<svg><script>alert(1)</script></svg>',
    '<svg><g onclick = "x()"/></svg>',
    '<svg><a xlink:href="javascript:x()"/></svg>',
    '<svg><a href="&#x6A;avascript:x()"/></svg>',
    '<!DOCTYPE svg [<!ENTITY x "y">]><svg/>',
    '<svg><foreignObject><div/></foreignObject></svg>',
  ])('refuses active SVG %j', async (text) => {
    await expect(scan(SVG, [Buffer.from(text)])).rejects.toMatchObject({ code: 'media.unsafe-content' });
  });

  it('accepts a plain SVG with styles, gradients and links to fragments', async () => {
    const text =
      '<svg><defs><linearGradient id="g"/></defs><style>.a{fill:url(#g)}</style><use href="#g"/><text>on time</text></svg>';
    await expect(scan(SVG, [Buffer.from(text)])).resolves.toBeInstanceOf(Buffer);
  });
});
