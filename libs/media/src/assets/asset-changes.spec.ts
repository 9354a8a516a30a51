import { retagged } from './asset-changes';

describe(retagged.name, () => {
  it('adds new tags at the end, once, and drops removed ones', () => {
    expect(retagged(['a', 'b'], ['c', 'a'], ['b'])).toEqual(['a', 'c']);
    expect(retagged([], ['x'], ['x'])).toEqual([]);
  });
});
