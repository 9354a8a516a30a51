import { ACTIVE_SESSION_CACHE_TTL_MS, ActiveSessionCache } from './active-session-cache';
import type { ActiveSession } from './active-session';

const session = (sessionId = 's1'): ActiveSession => ({
  sessionId,
  userId: 'u1',
  impersonatorId: null,
  platformAdmin: false,
  expiresAt: new Date(86_400_000),
});

describe(ActiveSessionCache.name, () => {
  let sut: ActiveSessionCache;
  beforeEach(() => {
    sut = new ActiveSessionCache();
    sut.setListening(true);
  });

  it('keeps a positive answer for at most the TTL', () => {
    sut.remember(session(), sut.generation, 1000);
    expect(sut.get('s1', 1000 + ACTIVE_SESSION_CACHE_TTL_MS - 1)).toEqual(session());
    expect(sut.get('s1', 1000 + ACTIVE_SESSION_CACHE_TTL_MS)).toBeNull();
  });

  it('forgets an evicted session', () => {
    sut.remember(session(), sut.generation, 0);
    sut.evict('s1');
    expect(sut.get('s1', 1)).toBeNull();
  });

  it('drops an answer read while a revocation arrived (the read may predate the commit)', () => {
    const generation = sut.generation;
    sut.evict('s1');
    sut.remember(session(), generation, 0);
    expect(sut.get('s1', 1)).toBeNull();
  });

  it('caches nothing while the revocation channel is down, and starts empty when it is back', () => {
    sut.remember(session(), sut.generation, 0);
    sut.setListening(false);
    expect(sut.get('s1', 1)).toBeNull();
    sut.remember(session(), sut.generation, 1);
    expect(sut.get('s1', 2)).toBeNull();
    sut.setListening(true);
    sut.remember(session(), sut.generation, 3);
    expect(sut.get('s1', 4)).toEqual(session());
  });
});
