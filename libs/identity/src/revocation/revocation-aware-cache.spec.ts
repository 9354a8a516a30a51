import type { ActiveApiKey } from '../api-keys/active-api-key';
import { ActiveApiKeyCache } from '../api-keys/active-api-key-cache';
import type { ActiveSession } from '../sessions/active-session';
import { ActiveSessionCache } from '../sessions/active-session-cache';
import { REVOCATION_AWARE_CACHE_TTL_MS, RevocationAwareCache } from './revocation-aware-cache';

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

const session = (sessionId = 's1', expiresAt = new Date(86_400_000)): ActiveSession => ({
  sessionId,
  userId: 'u1',
  impersonatorId: null,
  platformAdmin: false,
  expiresAt,
});

// The behaviour is one class's; ActiveApiKeyCache exercises it in the general case, where the lookup key (the
// secret hash) differs from the id a revocation names (the key id).
describe(RevocationAwareCache.name, () => {
  let sut: ActiveApiKeyCache;
  beforeEach(() => {
    sut = new ActiveApiKeyCache();
    sut.setListening(true);
  });

  it('keeps a positive answer for at most the TTL', () => {
    sut.remember('h1', key(), sut.generation, 1000);
    expect(sut.get('h1', 1000 + REVOCATION_AWARE_CACHE_TTL_MS - 1)).toEqual(key());
    expect(sut.get('h1', 1000 + REVOCATION_AWARE_CACHE_TTL_MS)).toBeNull();
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

describe(ActiveSessionCache.name, () => {
  it('finds and evicts a session by its session id, and never serves it past the session end', () => {
    const sut = new ActiveSessionCache();
    sut.setListening(true);
    const ending = session('s1', new Date(1500));
    sut.remember('s1', ending, sut.generation, 1000);
    sut.remember('s2', session('s2'), sut.generation, 1000);

    expect(sut.get('s1', 1499)).toEqual(ending);
    expect(sut.get('s1', 1500)).toBeNull(); // inside the TTL, past the end
    expect(sut.get('s2', 1001)).toEqual(session('s2'));
    sut.evict('s2');
    expect(sut.get('s2', 1002)).toBeNull();
  });
});
