import { ValidationFailedError } from '@quire/core';
import { refreshTokenSource } from './refresh-token-source';

function problemOf(run: () => unknown): ValidationFailedError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailedError) return error;
    throw error;
  }
  throw new Error('expected a ValidationFailedError');
}

describe(refreshTokenSource.name, () => {
  it('takes the body for API clients and the cookie for browsers', () => {
    expect(refreshTokenSource('from-body', null)).toEqual({ token: 'from-body', source: 'body' });
    expect(refreshTokenSource(undefined, 'from-cookie')).toEqual({ token: 'from-cookie', source: 'cookie' });
  });

  it('refuses both, and neither, with a problem naming refreshToken', () => {
    const both = problemOf(() => refreshTokenSource('a', 'b'));
    expect(both.status).toBe(400);
    expect(both.errors).toEqual([{ path: 'refreshToken', message: expect.stringMatching(/not both/) }]);
    for (const cookie of [null, '']) {
      const neither = problemOf(() => refreshTokenSource(undefined, cookie));
      expect(neither.errors).toEqual([{ path: 'refreshToken', message: expect.stringMatching(/required/) }]);
    }
  });
});
