import sharp from 'sharp';
import { inspectHead, looksLikeSvg } from './content-inspection';
import { DEFAULT_ALLOWED_TYPES } from './media-types';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe(inspectHead.name, () => {
  let png: Buffer;
  beforeAll(async () => {
    png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
  });

  it('takes the type from the bytes and keeps a matching name', async () => {
    expect(await inspectHead(png, 'a.PNG', DEFAULT_ALLOWED_TYPES)).toEqual({
      type: { mime: 'image/png', ext: 'png', kind: 'image' },
      fileName: 'a.PNG',
    });
    expect((await inspectHead(PDF, 'report', DEFAULT_ALLOWED_TYPES)).fileName).toBe('report.pdf');
    expect((await inspectHead(PDF, 'report.2026', DEFAULT_ALLOWED_TYPES)).fileName).toBe('report.2026.pdf');
  });

  it.each([
    ['photo.jpg', 'media.type-mismatch'],
    ['photo.html', 'media.type-mismatch'],
    ['photo.svg', 'media.type-mismatch'],
  ])('refuses a PDF named %s', async (name, code) => {
    await expect(inspectHead(PDF, name, DEFAULT_ALLOWED_TYPES)).rejects.toMatchObject({ code });
  });

  it('refuses empty, unrecognisable and disallowed content', async () => {
    await expect(inspectHead(Buffer.alloc(0), 'a.png', DEFAULT_ALLOWED_TYPES)).rejects.toMatchObject({
      code: 'media.empty-file',
    });
    await expect(inspectHead(Buffer.from('hello'), 'a.txt', DEFAULT_ALLOWED_TYPES)).rejects.toMatchObject({
      code: 'media.type-not-allowed',
      extensions: { detectedType: null },
    });
    await expect(inspectHead(png, 'a.png', ['image/jpeg', 'application/*'])).rejects.toMatchObject({
      code: 'media.type-not-allowed',
      extensions: { detectedType: 'image/png' },
    });
    expect((await inspectHead(png, 'a.png', ['image/*'])).type.mime).toBe('image/png');
  });

  it('refuses HTML or a PDF header in the first kilobyte of a binary format', async () => {
    const withHtml = Buffer.concat([png.subarray(0, 33), Buffer.from('<html><body>'), png.subarray(33)]);
    await expect(inspectHead(withHtml, 'a.png', DEFAULT_ALLOWED_TYPES)).rejects.toMatchObject({
      code: 'media.unsafe-content',
    });
    const withPdf = Buffer.concat([png.subarray(0, 33), Buffer.from('%PDF-1.7'), png.subarray(33)]);
    await expect(inspectHead(withPdf, 'a.png', DEFAULT_ALLOWED_TYPES)).rejects.toMatchObject({
      code: 'media.unsafe-content',
    });
  });
});

describe(looksLikeSvg.name, () => {
  it.each([
    '<svg xmlns="http://www.w3.org/2000/svg"/>',
    '\uFEFF<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>',
    '  <svg\nwidth="1">',
  ])('recognises %j', (text) => {
    expect(looksLikeSvg(Buffer.from(text))).toBe(true);
  });

  it.each(['<html><svg></svg></html>', '<?xml version="1.0"?><note/>', 'svg', '<svgfoo>'])('not %j', (text) => {
    expect(looksLikeSvg(Buffer.from(text))).toBe(false);
  });
});
