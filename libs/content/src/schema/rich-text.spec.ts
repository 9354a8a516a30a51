import {
  RichTextError,
  isEmptyRichText,
  isSafeHref,
  renderRichTextHtml,
  richTextPlainText,
  sanitizeRichText,
} from './rich-text';

const paragraph = (...content: unknown[]): unknown => ({ type: 'paragraph', content });
const text = (value: string, marks?: unknown[]): unknown =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const doc = (...content: unknown[]): unknown => ({ type: 'doc', content });

describe('sanitizeRichText', () => {
  it('keeps a StarterKit document as it is', () => {
    const input = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Title')] },
      paragraph(text('Hello '), text('world', [{ type: 'bold' }])),
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('one'))] }] },
    );
    const output = sanitizeRichText(input);
    expect(richTextPlainText(output)).toBe('Title\nHello world\none');
    expect(sanitizeRichText(output)).toEqual(output);
    expect(JSON.stringify(output)).toContain('"level":2');
  });

  it('drops unknown node types, unknown marks and unknown attributes (onclick, style, class)', () => {
    const output = sanitizeRichText(
      doc(
        { type: 'script', content: [text('alert(1)')] },
        {
          type: 'paragraph',
          attrs: { onclick: 'alert(1)', style: 'color:red' },
          content: [text('kept', [{ type: 'blink' }])],
        },
        { type: 'iframe', attrs: { src: 'https://evil.example' } },
      ),
    );
    const json = JSON.stringify(output);
    expect(json).not.toMatch(/script|onclick|style|iframe|blink|alert/);
    expect(richTextPlainText(output)).toBe('kept');
  });

  it('keeps http, https, mailto and relative links and unlinks every other scheme (the text stays)', () => {
    const link = (href: string): unknown =>
      paragraph(text(href, [{ type: 'link', attrs: { href, onmouseover: 'x()' } }]));
    const kept = [
      'https://example.com/a?b=c',
      'http://example.com',
      'mailto:a@example.com',
      '/about',
      'page#top',
      '#top',
    ];
    const removed = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
      '//evil.example',
      '/\\evil.example',
      'file:///etc/passwd',
    ];
    for (const href of kept) {
      const json = JSON.stringify(sanitizeRichText(doc(link(href))));
      expect(json).toContain(JSON.stringify(href));
      expect(json).not.toContain('onmouseover');
    }
    for (const href of removed) {
      const output = sanitizeRichText(doc(link(href)));
      expect(JSON.stringify(output)).not.toContain('"link"');
      expect(richTextPlainText(output)).toBe(href);
    }
  });

  it('refuses a value that is not a document', () => {
    for (const bad of [null, 'text', 42, [], { type: 'paragraph' }, { type: 'doc', content: 'x' }]) {
      expect(() => sanitizeRichText(bad)).toThrow(RichTextError);
    }
  });

  it('repairs structure: stray text is wrapped in a paragraph, an empty document gets an empty paragraph', () => {
    expect(richTextPlainText(sanitizeRichText(doc(text('loose'))))).toBe('loose');
    expect(sanitizeRichText({ type: 'doc' })).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });

  it('drops nodes nested beyond the depth limit instead of overflowing the stack', () => {
    let node: unknown = paragraph(text('deep'));
    for (let i = 0; i < 5000; i++) node = { type: 'blockquote', content: [node] };
    const output = sanitizeRichText(doc(node, paragraph(text('shallow'))));
    expect(richTextPlainText(output)).toContain('shallow');
    expect(richTextPlainText(output)).not.toContain('deep');
  });
});

describe('renderRichTextHtml', () => {
  it('renders HTML without script, event attributes or javascript: URLs', () => {
    const html = renderRichTextHtml(
      doc(
        paragraph(
          text('<script>alert(1)</script>'),
          text('link', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
        ),
        paragraph(text('ok', [{ type: 'link', attrs: { href: 'https://example.com' } }])),
        { type: 'paragraph', attrs: { onclick: 'alert(1)' }, content: [text('p')] },
      ),
    );
    expect(html).not.toMatch(/<script|onclick|javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('href="https://example.com"');
    expect(html).toMatch(/^<p>/);
  });
});

describe('isEmptyRichText', () => {
  it('is true for documents without text and false once they hold some', () => {
    expect(isEmptyRichText({ type: 'doc' })).toBe(true);
    expect(isEmptyRichText(doc(paragraph()))).toBe(true);
    expect(isEmptyRichText(doc(paragraph(text('   '))))).toBe(true);
    expect(isEmptyRichText(doc(paragraph(text('x'))))).toBe(false);
    expect(isEmptyRichText(doc({ type: 'horizontalRule' }))).toBe(false);
    expect(isEmptyRichText(null)).toBe(true);
  });
});

describe('isSafeHref', () => {
  it('accepts only http(s), mailto and relative references', () => {
    expect(isSafeHref('https://a.example')).toBe(true);
    expect(isSafeHref('a:b')).toBe(false);
    expect(isSafeHref('')).toBe(false);
    expect(isSafeHref(42)).toBe(false);
  });
});
