import { contentDisposition } from './content-disposition';

describe(contentDisposition.name, () => {
  it('writes a plain name as is, twice', () => {
    expect(contentDisposition('attachment', 'report.pdf')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
  });

  it('gives non-ASCII names an ASCII fallback and the exact name in filename*', () => {
    expect(contentDisposition('inline', 'Übersicht 2024 (final).png')).toBe(
      `inline; filename="_bersicht 2024 (final).png"; filename*=UTF-8''%C3%9Cbersicht%202024%20%28final%29.png`,
    );
  });

  it('cannot be broken out of: quotes, backslashes, semicolons and line breaks stay inside the value', () => {
    const header = contentDisposition('attachment', 'a"; filename=evil.html\r\nX-Injected: 1\\.txt');

    expect(header).not.toMatch(/[\r\n]/);
    expect(header.match(/"/g)).toHaveLength(2);
    expect(header).toBe(
      `attachment; filename="a_; filename=evil.html__X-Injected: 1_.txt"; filename*=UTF-8''a%22%3B%20filename%3Devil.html%0D%0AX-Injected%3A%201%5C.txt`,
    );
  });
});
