import { SEO_COMPONENT, SEO_FIELD, effectiveFields, resolveComponent } from './effective-fields';
import type { ContentTypeDefinition } from './field-definition';

describe('effectiveFields', () => {
  const base: ContentTypeDefinition = {
    apiId: 'page',
    kind: 'collection',
    name: 'Page',
    fields: [{ name: 'title', type: 'text' }],
  };

  it('adds the localized seo block last when options.seo is on', () => {
    expect(effectiveFields(base).map((f) => f.name)).toEqual(['title']);
    const fields = effectiveFields({ ...base, options: { seo: true } });
    expect(fields.map((f) => f.name)).toEqual(['title', 'seo']);
    expect(fields[1]).toBe(SEO_FIELD);
    expect(SEO_FIELD.localized).toBe(true);
  });

  it('resolves the built-in SEO component and only components of kind component', () => {
    expect(SEO_COMPONENT.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'title:text',
      'metaDescription:longText',
      'canonicalUrl:url',
      'ogImage:media',
    ]);
    expect(resolveComponent('$seo', new Map())).toBe(SEO_COMPONENT);
    expect(resolveComponent('page', new Map([['page', base]]))).toBeUndefined();
  });
});
