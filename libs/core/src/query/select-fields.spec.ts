import { selectFields } from './select-fields';

describe('selectFields', () => {
  const item = { id: '1', title: 'Hello', status: 'draft' };

  it('keeps only the requested members', () => {
    expect(selectFields(item, ['id', 'status'])).toEqual({ id: '1', status: 'draft' });
  });

  it('returns the whole item when no fields were asked for', () => {
    expect(selectFields(item, null)).toBe(item);
  });
});
