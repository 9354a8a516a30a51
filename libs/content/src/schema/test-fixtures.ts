import type { ContentTypeDefinition } from './field-definition';

/** A small model shared by the unit specs of this folder: a post with a repeatable block component. */
export const UUID_A = '0190a9c4-5b7e-7c3a-9d2e-4f1a2b3c4d5e';
export const UUID_B = '0190a9c4-5b7e-7c3a-9d2e-4f1a2b3c4d5f';
export const UUID_C = '0190a9c4-5b7e-7c3a-9d2e-4f1a2b3c4d60';

export const cardComponent: ContentTypeDefinition = {
  apiId: 'card',
  kind: 'component',
  name: 'Card',
  fields: [
    { name: 'label', type: 'text' },
    { name: 'note', type: 'text', private: true },
    { name: 'link', type: 'relation', target: 'post', onDelete: 'detach' },
  ],
};

export const blockComponent: ContentTypeDefinition = {
  apiId: 'block',
  kind: 'component',
  name: 'Block',
  fields: [
    { name: 'heading', type: 'text' },
    { name: 'image', type: 'media' },
    { name: 'body', type: 'richText' },
    { name: 'secret', type: 'text', private: true },
    { name: 'card', type: 'component', component: 'card' },
  ],
};

export const fixtureComponents: ReadonlyMap<string, ContentTypeDefinition> = new Map([
  ['card', cardComponent],
  ['block', blockComponent],
]);

export const postType: ContentTypeDefinition = {
  apiId: 'post',
  kind: 'collection',
  name: 'Post',
  options: { seo: true },
  fields: [
    { name: 'title', type: 'text', localized: true },
    { name: 'slug', type: 'slug', localized: true },
    { name: 'summary', type: 'longText' },
    { name: 'body', type: 'richText' },
    { name: 'views', type: 'integer', localized: false },
    { name: 'internal', type: 'text', private: true, localized: false },
    { name: 'author', type: 'relation', target: 'author' },
    { name: 'tags', type: 'relation', target: 'tag', multiple: true, onDelete: 'detach' },
    { name: 'gallery', type: 'media', multiple: true },
    { name: 'blocks', type: 'component', component: 'block', repeatable: true },
    { name: 'hidden', type: 'component', component: 'card', private: true },
  ],
};
