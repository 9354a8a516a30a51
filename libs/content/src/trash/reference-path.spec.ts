import type { ContentTypeDefinition } from '../schema/field-definition';
import { fieldAtPath, onDeleteRule, parseFieldPath, withoutReference } from './reference-path';

const A = '0192f0c4-7a3e-7c1d-8e2f-00000000000a';
const B = '0192f0c4-7a3e-7c1d-8e2f-00000000000b';

const post: ContentTypeDefinition = {
  apiId: 'post',
  kind: 'collection',
  name: 'Post',
  fields: [
    { name: 'title', type: 'text' },
    { name: 'author', type: 'relation', target: 'author', onDelete: 'detach' },
    { name: 'categories', type: 'relation', target: 'category', multiple: true },
    { name: 'blocks', type: 'component', component: 'quote', repeatable: true },
  ],
};
const quote: ContentTypeDefinition = {
  apiId: 'quote',
  kind: 'component',
  name: 'Quote',
  fields: [{ name: 'source', type: 'relation', target: 'author', onDelete: 'detach' }],
};
const components = new Map([['quote', quote]]);

describe('parseFieldPath', () => {
  it('reads names, bracket indexes and numeric dot segments', () => {
    expect(parseFieldPath('author')).toEqual(['author']);
    expect(parseFieldPath('blocks[2].source')).toEqual(['blocks', 2, 'source']);
    expect(parseFieldPath('blocks.2.source')).toEqual(['blocks', 2, 'source']);
    expect(parseFieldPath('categories[0]')).toEqual(['categories', 0]);
  });
});

describe('fieldAtPath and onDeleteRule', () => {
  it('finds top-level and component fields, skipping indexes', () => {
    expect(fieldAtPath(post, components, ['author'])).toMatchObject({ name: 'author', onDelete: 'detach' });
    expect(fieldAtPath(post, components, ['blocks', 1, 'source'])).toMatchObject({ name: 'source' });
    expect(fieldAtPath(post, components, ['categories', 0])).toMatchObject({ name: 'categories' });
  });

  it('returns null for a path that no longer matches, and treats it as restrict', () => {
    expect(fieldAtPath(post, components, ['removed'])).toBeNull();
    expect(fieldAtPath(post, components, ['title', 'x'])).toBeNull();
    expect(fieldAtPath(post, new Map(), ['blocks', 0, 'source'])).toBeNull();
    expect(onDeleteRule(null)).toBe('restrict');
    expect(onDeleteRule(fieldAtPath(post, components, ['categories']))).toBe('restrict');
    expect(onDeleteRule(fieldAtPath(post, components, ['author']))).toBe('detach');
  });
});

describe('withoutReference', () => {
  it('nulls a single relation and filters a list, leaving other values', () => {
    expect(withoutReference({ author: A, title: 't' }, ['author'], A)).toEqual({ author: null, title: 't' });
    expect(withoutReference({ categories: [A, B, A] }, ['categories'], A)).toEqual({ categories: [B] });
    expect(withoutReference({ categories: [A, B] }, ['categories', 0], A)).toEqual({ categories: [B] });
    expect(withoutReference({ author: { id: A } }, ['author'], A)).toEqual({ author: null });
  });

  it('reaches into repeatable components, by position or on every element', () => {
    const doc = { blocks: [{ source: A }, { source: B }, { source: A }] };
    expect(withoutReference(doc, ['blocks', 2, 'source'], A)).toEqual({
      blocks: [{ source: A }, { source: B }, { source: null }],
    });
    expect(withoutReference(doc, ['blocks', 'source'], A)).toEqual({
      blocks: [{ source: null }, { source: B }, { source: null }],
    });
  });

  it('leaves the document alone when the path or the id does not match, and never mutates its input', () => {
    const doc = { author: B, blocks: [{ source: A }] };
    const frozen = JSON.stringify(doc);
    expect(withoutReference(doc, ['author'], A)).toEqual(doc);
    expect(withoutReference(doc, ['missing', 'deeper'], A)).toEqual(doc);
    expect(withoutReference(doc, ['blocks', 5, 'source'], A)).toEqual(doc);
    withoutReference(doc, ['blocks', 0, 'source'], A);
    expect(JSON.stringify(doc)).toBe(frozen);
  });
});
