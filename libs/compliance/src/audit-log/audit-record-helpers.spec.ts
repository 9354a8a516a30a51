import { auditHash, canonicalJson, GENESIS_HASH, type HashedAuditFields } from './audit-hash';
import { REDACTED, redactChanges } from './audit-redaction';
import { auditSubject } from './audit-subject';

describe('canonicalJson', () => {
  it('sorts keys at every level, drops undefined, keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('x"y')).toBe('"x\\"y"');
  });
});

describe('auditHash', () => {
  const fields: HashedAuditFields = {
    workspaceId: '0190a5a0-0000-7000-8000-000000000001',
    sequence: 1,
    eventId: '0190a5a0-0000-7000-8000-000000000002',
    occurredAt: '2026-11-23T04:00:00.000Z',
    actorType: 'user',
    actorId: 'u1',
    impersonatorId: null,
    action: 'content.entry.created',
    subjectType: 'content.entry',
    subjectId: 'e1',
    requestId: 'r1',
    ip: null,
    userAgent: null,
    changes: { b: 1, a: 2 },
  };

  it('is 64 hex digits, independent of key order, and changes with any field or the previous hash', () => {
    const hash = auditHash(fields, GENESIS_HASH);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...fields, changes: { a: 2, b: 1 } }, GENESIS_HASH)).toBe(hash);
    expect(auditHash({ ...fields, actorId: 'u2' }, GENESIS_HASH)).not.toBe(hash);
    expect(auditHash(fields, hash)).not.toBe(hash);
  });
});

describe('auditSubject', () => {
  it('takes the subject from the event name and its own id key', () => {
    expect(auditSubject('content.entry.published', { contentType: 'a', entryId: 'e1' })).toEqual({
      type: 'content.entry',
      id: 'e1',
    });
    expect(auditSubject('workspaces.member.role-changed', { userId: 'u1', role: 'x' })).toEqual({
      type: 'workspaces.member',
      id: 'u1',
    });
    expect(auditSubject('content.media-reference.added', { mediaReferenceId: 'm1', entryId: 'e' })).toEqual({
      type: 'content.media-reference',
      id: 'm1',
    });
  });

  it('honours a declared subject and copes with payloads without ids', () => {
    expect(auditSubject('x.y.done', { subject: { type: 'x.thing', id: 't1' }, yId: 'no' })).toEqual({
      type: 'x.thing',
      id: 't1',
    });
    expect(auditSubject('x.y.done', null)).toEqual({ type: 'x.y', id: null });
    expect(auditSubject('x.y.done', { count: 3, otherId: 7 })).toEqual({ type: 'x.y', id: null });
  });
});

describe('redactChanges', () => {
  it('redacts secret-looking and declared-sensitive keys at any depth, keeping the rest', () => {
    const sensitive = new Set(['date_of_birth', 'dateOfBirth']);
    expect(
      redactChanges(
        {
          title: { before: 'a', after: 'b' },
          password: { before: 'x', after: 'y' },
          profile: { dateOfBirth: { before: '1990', after: '1991' }, apiKey: 'k', notPublished: true },
          list: [{ clientSecret: 's' }],
        },
        sensitive,
      ),
    ).toEqual({
      title: { before: 'a', after: 'b' },
      password: REDACTED,
      profile: { dateOfBirth: REDACTED, apiKey: REDACTED, notPublished: true },
      list: [{ clientSecret: REDACTED }],
    });
    expect(redactChanges('plain', sensitive)).toBe('plain');
  });
});
