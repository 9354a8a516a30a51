import type { ContentTypeDefinition } from '../schema/field-definition';
import { schemaChanges } from './schema-changes';

describe(schemaChanges.name, () => {
  const article: ContentTypeDefinition = {
    apiId: 'article',
    kind: 'collection',
    name: 'Article',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'body', type: 'richtext' },
    ] as ContentTypeDefinition['fields'],
  };

  it('names changed properties and each added, removed or changed field with its definitions', () => {
    const after: ContentTypeDefinition = {
      ...article,
      name: 'Blog article',
      fields: [
        { name: 'title', type: 'text', required: true },
        { name: 'summary', type: 'text' },
      ] as ContentTypeDefinition['fields'],
    };
    expect(schemaChanges(article, after)).toEqual({
      name: { before: 'Article', after: 'Blog article' },
      'fields.title': {
        before: { name: 'title', type: 'text' },
        after: { name: 'title', type: 'text', required: true },
      },
      'fields.body': { before: { name: 'body', type: 'richtext' }, after: null },
      'fields.summary': { before: null, after: { name: 'summary', type: 'text' } },
    });
  });

  it('is empty when nothing changed', () => {
    expect(schemaChanges(article, structuredClone(article))).toEqual({});
  });
});
