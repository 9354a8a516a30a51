import { extractApiKey } from './api-key.extractor';

const key = `qk_abcdefgh_${'A'.repeat(43)}`;

describe(extractApiKey.name, () => {
  it('reads a bearer API key, in any case of "Bearer"', () => {
    expect(extractApiKey({ headers: { authorization: `Bearer ${key}` } })).toBe(key);
    expect(extractApiKey({ headers: { authorization: `bearer ${key}` } })).toBe(key);
  });

  it('reads X-Api-Key', () => {
    expect(extractApiKey({ headers: { 'x-api-key': key } })).toBe(key);
    expect(extractApiKey({ headers: { 'x-api-key': [key, 'qk_other'] } })).toBe(key);
  });

  it('leaves other credentials alone', () => {
    expect(extractApiKey({ headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig' } })).toBeNull();
    expect(extractApiKey({ headers: { authorization: `Basic ${key}` } })).toBeNull();
    expect(extractApiKey({ headers: { authorization: `Bearer ${key} extra` } })).toBeNull();
    expect(extractApiKey({ headers: { 'x-api-key': 'not-ours' } })).toBeNull();
    expect(extractApiKey({ headers: {} })).toBeNull();
  });
});
