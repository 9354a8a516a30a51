import { isEventPattern, matchesAnyPattern, matchesEventPattern } from './event-pattern';

describe('event patterns', () => {
  it.each([
    ['content.entry.published', 'content.entry.published', true],
    ['content.entry.published', 'content.entry.unpublished', false],
    ['content.entry.*', 'content.entry.published', true],
    ['content.entry.*', 'content.entry.stage-changed', true],
    ['content.entry.*', 'content.entry-type.created', false],
    ['content.entry.*', 'content.type.created', false],
    ['content.*', 'content.release.failed', true],
    ['content.*', 'contents.entry.created', false],
    ['*', 'media.asset.created', true],
  ])('%s matches %s: %s', (pattern, event, expected) => {
    expect(matchesEventPattern(pattern, event)).toBe(expected);
  });

  it('matches when any pattern of a list matches', () => {
    expect(matchesAnyPattern(['content.type.*', 'content.entry.published'], 'content.entry.published')).toBe(true);
    expect(matchesAnyPattern(['content.type.*'], 'content.entry.published')).toBe(false);
    expect(matchesAnyPattern([], 'content.entry.published')).toBe(false);
  });

  it.each(['*', 'content.*', 'content.entry.*', 'content.entry.stage-changed'])('%s is a pattern', (text) => {
    expect(isEventPattern(text)).toBe(true);
  });

  it.each([
    '',
    '**',
    'content.**',
    'content*',
    '*.published',
    'content.entry.*.x',
    'Content.Entry',
    'content..x',
    ' *',
  ])('%j is not a pattern', (text) => {
    expect(isEventPattern(text)).toBe(false);
  });
});
