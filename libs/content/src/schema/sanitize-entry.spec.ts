import { sanitizeEntryData } from './sanitize-entry';
import { fixtureComponents, postType } from './test-fixtures';

const dirty = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      attrs: { onclick: 'x()' },
      content: [{ type: 'text', text: 'hi', marks: [{ type: 'link', attrs: { href: 'javascript:x()' } }] }],
    },
    { type: 'script', content: [{ type: 'text', text: 'alert(1)' }] },
  ],
};

describe('sanitizeEntryData', () => {
  it('sanitizes rich text at every depth and normalizes slugs, leaving the rest and the input untouched', () => {
    const input = {
      title: '  Keep  ',
      slug: '  My-Slug ',
      body: dirty,
      blocks: [{ heading: 'h', body: dirty }, 'not an object'],
      unknown: { body: dirty },
    };
    const copy = JSON.parse(JSON.stringify(input)) as unknown;
    const output = sanitizeEntryData(postType, fixtureComponents, input);
    expect(input).toEqual(copy);
    expect(output['title']).toBe('  Keep  ');
    expect(output['slug']).toBe('my-slug');
    const json = JSON.stringify([output['body'], output['blocks']]);
    expect(json).not.toMatch(/onclick|javascript|script|alert/);
    expect((output['blocks'] as unknown[])[1]).toBe('not an object');
    expect(output['unknown']).toEqual({ body: dirty });
  });

  it('leaves a rich-text value that is no document for the validator to report', () => {
    expect(sanitizeEntryData(postType, fixtureComponents, { body: '<p>x</p>' })['body']).toBe('<p>x</p>');
    expect(sanitizeEntryData(postType, fixtureComponents, { body: null })['body']).toBeNull();
  });
});
