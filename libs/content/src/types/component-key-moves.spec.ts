import type { ContentTypeDefinition, FieldDefinition } from '../schema/field-definition';
import { diffDefinitions } from '../schema/schema-change';
import { anyKeyPath, componentKeyMoves, keysConcerned, moveComponentKeys } from './component-key-moves';

const component = (apiId: string, fields: FieldDefinition[]): ContentTypeDefinition => ({
  apiId,
  kind: 'component',
  name: apiId,
  fields,
});
const f = (field: Record<string, unknown>) => field as unknown as FieldDefinition;

const blockBefore = component('block', [
  f({ name: 'secret', type: 'text' }),
  f({ name: 'image', type: 'media', multiple: false }),
  f({ name: 'note', type: 'text' }),
]);
const blockAfter = component('block', [
  f({ name: 'secret', type: 'text', private: true }),
  f({ name: 'picture', type: 'media', multiple: false }),
]);
// `section` embeds `block` (a component inside a component); `caption` is another component that has a `note` too.
const section = component('section', [
  f({ name: 'heading', type: 'text' }),
  f({ name: 'items', type: 'component', component: 'block', repeatable: true }),
]);
const caption = component('caption', [f({ name: 'note', type: 'text' })]);
const components = new Map([
  ['block', blockAfter],
  ['section', section],
  ['caption', caption],
]);
const pageFields = [
  f({ name: 'title', type: 'text' }),
  f({ name: 'blocks', type: 'component', component: 'block', repeatable: true }),
  f({ name: 'lead', type: 'component', component: 'block' }),
  f({ name: 'sections', type: 'component', component: 'section', repeatable: true }),
  f({ name: 'caption', type: 'component', component: 'caption' }),
];
const changes = diffDefinitions(blockBefore, blockAfter, { image: 'picture' });
const moves = componentKeyMoves(blockAfter, changes);

describe('componentKeyMoves', () => {
  it('reads renames, removals and fields made private from the diff', () => {
    expect(moves).toEqual({
      component: 'block',
      renames: [{ from: 'image', to: 'picture' }],
      removed: ['note'],
      madePrivate: ['secret'],
    });
    expect(keysConcerned(moves)).toEqual({ drafts: ['image', 'note'], published: ['image', 'note', 'secret'] });
    expect(anyKeyPath([])).toBeNull();
    expect(anyKeyPath(['a', 'b'])).toBe('$.** ? (exists(@."a") || exists(@."b"))');
  });
});

describe('moveComponentKeys', () => {
  it('moves keys in every value of the component, repeatable, single and nested, and only there', () => {
    const data = {
      title: 'Page',
      note: 'top-level, not a component value',
      blocks: [{ image: 'm1', note: 'n1', secret: 's1' }, 'not an object', { note: null, picture: 'stale' }],
      lead: { image: 'm2', picture: 'stale' },
      sections: [{ heading: 'H', items: [{ image: 'm3', note: 'n3' }] }],
      caption: { note: 'kept: another component' },
    };
    const { data: moved, dropped } = moveComponentKeys(pageFields, components, data, moves);
    expect(moved).toEqual({
      title: 'Page',
      note: 'top-level, not a component value',
      blocks: [{ picture: 'm1', secret: 's1' }, 'not an object', { picture: 'stale' }],
      lead: { picture: 'm2' },
      sections: [{ heading: 'H', items: [{ picture: 'm3' }] }],
      caption: { note: 'kept: another component' },
    });
    // A null value held nothing: not reported.
    expect(dropped).toEqual(['blocks[0].note', 'sections[0].items[0].note']);
    // The input is left as it was.
    expect(data.blocks[0]).toEqual({ image: 'm1', note: 'n1', secret: 's1' });
  });

  it('leaves data without the component as it is and reports nothing', () => {
    const data = { title: 'x', caption: { note: 'y' } };
    expect(moveComponentKeys(pageFields, components, data, moves)).toEqual({ data, dropped: [] });
  });
});
