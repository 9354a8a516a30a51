import { apiIdFromName, fieldNameFromLabel } from '../src/app/pages/content-types/content-type-model';

/** The names the type builder suggests must be ones the API accepts (docs/content/fields.md). */
describe('content type builder: suggested names', () => {
  const API_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
  const FIELD_NAME = /^[a-z][a-zA-Z0-9]{0,63}$/;

  it.each([
    ['Blog post', 'blog-post'],
    ['  Über   uns! ', 'uber-uns'],
    ['2024 Events', 'events'],
    ['FAQ — Entry', 'faq-entry'],
  ])('API id of %p is %p', (name, apiId) => {
    expect(apiIdFromName(name)).toBe(apiId);
    expect(apiId).toMatch(API_ID);
  });

  it('keeps an API id within 60 characters, ending on a word', () => {
    const apiId = apiIdFromName('word '.repeat(30));
    expect(apiId.length).toBeLessThanOrEqual(60);
    expect(apiId).toMatch(API_ID);
  });

  it.each([
    ['Cover image', 'coverImage'],
    ['Title', 'title'],
    ['Crème brûlée 2', 'cremeBrulee2'],
    ['3D model', 'dModel'],
  ])('field name of %p is %p', (label, name) => {
    expect(fieldNameFromLabel(label)).toBe(name);
    expect(name).toMatch(FIELD_NAME);
  });
});
