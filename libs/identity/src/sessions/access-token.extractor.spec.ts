import { extractAccessToken, extractAccessTokenCredential, readCookie, requestCookie } from './access-token.extractor';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe(extractAccessToken.name, () => {
  it('reads a bearer JWT', () => {
    expect(extractAccessToken({ headers: { authorization: `Bearer ${jwt}` } })).toBe(jwt);
    expect(extractAccessToken({ headers: { authorization: `bearer ${jwt}` } })).toBe(jwt);
  });

  it('leaves other credentials in the Authorization header to other authenticators, even with a cookie', () => {
    const cookie = `quire_access=${jwt}`;
    expect(extractAccessToken({ headers: { authorization: 'Bearer qk_live_abc', cookie } })).toBeNull();
    expect(extractAccessToken({ headers: { authorization: 'Basic dXNlcjpwYXNz', cookie } })).toBeNull();
    expect(extractAccessToken({ headers: { authorization: `Bearer ${jwt} extra` } })).toBeNull();
  });

  it('falls back to the quire_access cookie, parsed or from the header', () => {
    expect(extractAccessToken({ headers: { cookie: `a=1; quire_access=${jwt}; b=2` } })).toBe(jwt);
    expect(extractAccessToken({ headers: {}, cookies: { quire_access: jwt } })).toBe(jwt);
    expect(extractAccessToken({ headers: { cookie: 'quire_access=not-a-jwt' } })).toBeNull();
    expect(extractAccessToken({ headers: {} })).toBeNull();
  });
});

describe(readCookie.name, () => {
  it('finds one cookie by exact name, decoded', () => {
    expect(readCookie('x_quire_access=1; quire_access=%41b', 'quire_access')).toBe('Ab');
    expect(readCookie('quire_access="quoted"', 'quire_access')).toBe('quoted');
    expect(readCookie('quire_access=%E0%A4%A', 'quire_access')).toBeNull();
    expect(readCookie(undefined, 'quire_access')).toBeNull();
  });
});

describe(extractAccessTokenCredential.name, () => {
  it('says where the token came from: CSRF protection applies to the cookie only', () => {
    expect(extractAccessTokenCredential({ headers: { authorization: `Bearer ${jwt}` } })).toEqual({
      token: jwt,
      source: 'bearer',
    });
    expect(extractAccessTokenCredential({ headers: { cookie: `quire_access=${jwt}` } })).toEqual({
      token: jwt,
      source: 'cookie',
    });
    expect(
      extractAccessTokenCredential({ headers: { authorization: `Bearer ${jwt}`, cookie: `quire_access=${jwt}` } }),
    ).toEqual({ token: jwt, source: 'bearer' });
  });
});

describe(requestCookie.name, () => {
  it('prefers parsed cookies, falls back to the header, and ignores inherited names', () => {
    expect(requestCookie({ headers: { cookie: 'quire_csrf=h' }, cookies: { quire_csrf: 'p' } }, 'quire_csrf')).toBe(
      'p',
    );
    expect(requestCookie({ headers: { cookie: 'quire_csrf=h' }, cookies: {} }, 'quire_csrf')).toBe('h');
    expect(requestCookie({ headers: {}, cookies: {} }, 'constructor')).toBeNull();
  });
});
