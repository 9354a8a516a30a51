import { Injectable } from '@nestjs/common';
import { RevocationAwareCache } from '../revocation/revocation-aware-cache';
import type { ActiveSession } from './active-session';

/** Sessions found active in the last second, by session id, for the session strategy (ADR 0010). */
@Injectable()
export class ActiveSessionCache extends RevocationAwareCache<ActiveSession> {
  constructor() {
    super((session) => ({ id: session.sessionId, expiresAt: session.expiresAt }));
  }
}
