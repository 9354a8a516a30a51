import { createMongoAbility } from '@casl/ability';
import { canSeeContentEvent } from './content-event-visibility';
import type { RoutedContentEvent } from './content-stream-event';
import { parseContentEventNotice } from './content-event-channel';
import { formatServerSentEvent } from './content-stream-event';

const event = (name: string, payload: Record<string, unknown>, entryCreatedById: string | null = null) =>
  ({
    entryCreatedById,
    event: { id: 'e1', name, occurredAt: '2026-01-01T00:00:00.000Z', actor: { type: 'user', id: 'u1' }, payload },
  }) satisfies RoutedContentEvent;

describe(canSeeContentEvent.name, () => {
  const viewer = createMongoAbility([{ action: 'read', subject: ['Entry', 'ContentType'] }]);
  const postsOnly = createMongoAbility([{ action: 'read', subject: 'Entry', conditions: { contentType: 'post' } }]);
  const ownOnly = createMongoAbility([{ action: 'read', subject: 'Entry', conditions: { createdById: 'me' } }]);

  it('shows an entry event to whoever may read that entry', () => {
    expect(canSeeContentEvent(viewer, event('content.entry.created', { contentType: 'page' }))).toBe(true);
    expect(canSeeContentEvent(postsOnly, event('content.entry.created', { contentType: 'post' }))).toBe(true);
    expect(canSeeContentEvent(postsOnly, event('content.entry.published', { contentType: 'page' }))).toBe(false);
  });

  it("judges author conditions by the entry's author, and hides a purged entry's (no author known)", () => {
    expect(canSeeContentEvent(ownOnly, event('content.entry.updated', { contentType: 'post' }, 'me'))).toBe(true);
    expect(canSeeContentEvent(ownOnly, event('content.entry.updated', { contentType: 'post' }, 'other'))).toBe(false);
    expect(canSeeContentEvent(ownOnly, event('content.entry.purged', { contentType: 'post' }, null))).toBe(false);
    expect(canSeeContentEvent(viewer, event('content.entry.purged', { contentType: 'post' }, null))).toBe(true);
  });

  it('needs read on content types for type and schema events, and on everything for the rest', () => {
    expect(canSeeContentEvent(viewer, event('content.type.created', { apiId: 'post' }))).toBe(true);
    expect(canSeeContentEvent(postsOnly, event('content.type.created', { apiId: 'post' }))).toBe(false);
    expect(canSeeContentEvent(postsOnly, event('content.schema.applied', {}))).toBe(false);
    expect(canSeeContentEvent(viewer, event('content.import.completed', {}))).toBe(true);
    expect(canSeeContentEvent(postsOnly, event('content.import.completed', {}))).toBe(false);
    const typeless = event('content.entry.schedule-failed', { entryId: 'x' });
    expect(canSeeContentEvent(viewer, typeless)).toBe(true);
    expect(canSeeContentEvent(postsOnly, typeless)).toBe(false);
  });

  it('refuses where an inverted rule depends on the record', () => {
    const allButPages = createMongoAbility([
      { action: 'read', subject: ['Entry', 'ContentType'] },
      { action: 'read', subject: 'Entry', inverted: true, conditions: { contentType: 'page' } },
    ]);
    expect(canSeeContentEvent(allButPages, event('content.entry.created', { contentType: 'page' }))).toBe(false);
    expect(canSeeContentEvent(allButPages, event('content.import.completed', {}))).toBe(false);
  });
});

describe(parseContentEventNotice.name, () => {
  it('reads id and workspace, and ignores anything else', () => {
    expect(parseContentEventNotice('{"id":"a","workspaceId":"w"}')).toEqual({ id: 'a', workspaceId: 'w' });
    expect(parseContentEventNotice('{"id":"a","workspaceId":null}')).toBeNull();
    expect(parseContentEventNotice('not json')).toBeNull();
    expect(parseContentEventNotice(undefined)).toBeNull();
  });
});

describe(formatServerSentEvent.name, () => {
  it('writes id, event and one data line ending in a blank line', () => {
    const text = formatServerSentEvent(event('content.entry.created', { note: 'a\nb' }).event);
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['id: e1', 'event: content.entry.created']);
    expect(JSON.parse(lines[2].slice('data: '.length)).payload).toEqual({ note: 'a\nb' });
    expect(text.endsWith('\n\n')).toBe(true);
    expect(lines).toHaveLength(5);
  });
});
