import type { ActiveApiKey } from './active-api-key';
import { ACTIVE_API_KEY_CACHE_TTL_MS, ActiveApiKeyCache } from './active-api-key-cache';

const key = (id = 'k1', expiresAt: Date | null = null): ActiveApiKey => ({
  id,
  workspaceId: 'w1',
  name: 'CI',
  prefix: 'qk_abcdefgh',
  kind: 'management',
  scopes: ['read:Entry'],
  expiresAt,
  rateLimitPerMinute: null,
});

describe(ActiveApiKeyCache.name, () => {
  let sut: ActiveApiKeyCache;
  beforeEach(() => {
    sut = new ActiveApiKeyCache();
    sut.setListening(true);
  });

  it('keeps a positive answer for at most the TTL', () => {
    sut.remember('h1', key(), sut.generation, 1000);
    expect(sut.get('h1', 1000 + ACTIVE_API_KEY_CACHE_TTL_MS - 1)).toEqual(key());
    expect(sut.get('h1', 1000 + ACTIVE_API_KEY_CACHE_TTL_MS)).toBeNull();
  });

  it('stops answering at the key expiry even inside the TTL', () => {
    sut.remember('h1', key('k1', new Date(1500)), sut.generation, 1000);
    expect(sut.get('h1', 1499)).not.toBeNull();
    expect(sut.get('h1', 1500)).toBeNull();
  });

  it('forgets a key evicted by id', () => {
    sut.remember('h1', key('k1'), sut.generation, 0);
    sut.remember('h2', key('k2'), sut.generation, 0);
    sut.evict('k1');
    expect(sut.get('h1', 1)).toBeNull();
    expect(sut.get('h2', 1)).toEqual(key('k2'));
  });

  it('drops an answer read while a revocation arrived (the read may predate the commit)', () => {
    const generation = sut.generation;
    sut.evict('k1');
    sut.remember('h1', key(), generation, 0);
    expect(sut.get('h1', 1)).toBeNull();
  });

  it('caches nothing while the revocation channel is down, and starts empty when it is back', () => {
    sut.remember('h1', key(), sut.generation, 0);
    sut.setListening(false);
    expect(sut.get('h1', 1)).toBeNull();
    sut.remember('h1', key(), sut.generation, 1);
    expect(sut.get('h1', 2)).toBeNull();
    sut.setListening(true);
    sut.remember('h1', key(), sut.generation, 3);
    expect(sut.get('h1', 4)).toEqual(key());
  });
});
