import type { RequestContext } from '@quire/core';
import { PlatformAdminRequiredError } from './platform-admin.errors';

export interface PlatformAdminActor {
  userId: string;
  sessionId: string;
}

/**
 * The platform administrator making this request, signed in with a session of their own. An API key, an
 * impersonation session (whose actor is the impersonated user) and every other user are refused with 403.
 */
export function platformAdminActor(ctx: RequestContext): PlatformAdminActor {
  const { actor } = ctx;
  if (actor.type !== 'user' || !actor.id || !actor.sessionId || actor.impersonatorId || actor.platformAdmin !== true) {
    throw new PlatformAdminRequiredError();
  }
  return { userId: actor.id, sessionId: actor.sessionId };
}
