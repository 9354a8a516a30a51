import { redact, redactPath } from './redact';

describe(redact.name, () => {
  it('replaces sensitive members at any depth', () => {
    expect(
      redact({
        email: 'a@example.com',
        password: 'hunter2',
        nested: { apiKey: 'qk_live_123', token: 'abc', list: [{ refresh_token: 'r' }], code: '123456' },
        headers: { authorization: 'Bearer abc.def', cookie: 'sid=1' },
      }),
    ).toEqual({
      email: 'a@example.com',
      password: '[REDACTED]',
      nested: {
        apiKey: '[REDACTED]',
        token: '[REDACTED]',
        list: [{ refresh_token: '[REDACTED]' }],
        code: '[REDACTED]',
      },
      headers: { authorization: '[REDACTED]', cookie: '[REDACTED]' },
    });
  });

  it('masks bearer credentials inside strings', () => {
    expect(redact('sent Authorization: Bearer eyJhbGciOi.x.y to upstream')).toBe(
      'sent Authorization: Bearer [REDACTED] to upstream',
    );
  });

  it('masks API key secrets anywhere in a string, keeping what surrounds them', () => {
    const secret = 'qk_ab3defgh_' + 'x'.repeat(43);
    expect(redact(`key ${secret} refused`)).toBe('key [REDACTED] refused');
    expect(redact({ note: `X-Api-Key: ${secret}` })).toEqual({ note: 'X-Api-Key: [REDACTED]' });
  });

  it('keeps errors readable without their stack', () => {
    expect(redact(new Error('boom'))).toEqual({ name: 'Error', message: 'boom' });
  });
});

describe(redactPath.name, () => {
  it('masks the segments holding route parameters named like secrets, and nothing else', () => {
    const token = 'Ab3_x-'.repeat(7) + 'z';
    expect(redactPath(`/api/v1/invitations/${token}/accept`, { token })).toBe('/api/v1/invitations/[REDACTED]/accept');
    expect(redactPath('/api/v1/workspaces/acme/teams/42', { workspace: 'acme', teamId: '42' })).toBe(
      '/api/v1/workspaces/acme/teams/42',
    );
  });

  it('matches whole segments only, in their encoded form too', () => {
    expect(redactPath('/x/abc/abcdef', { token: 'abc' })).toBe('/x/[REDACTED]/abcdef');
    expect(redactPath('/x/a%20b', { token: 'a b' })).toBe('/x/[REDACTED]');
    expect(redactPath('/x/abc', undefined)).toBe('/x/abc');
  });
});
