import type { RequestContext } from '@quire/core';
import { ImpersonationForbiddenError, SessionRequiredError } from './auth.errors';

export interface SessionActor {
  userId: string;
  /** Absent only for a user actor authenticated without a session (none today; API keys are not users). */
  sessionId: string | undefined;
}

/** The signed-in user of a request; anything else (an API key) is refused by the session endpoints. */
export function sessionActor(ctx: RequestContext): SessionActor {
  if (ctx.actor.type !== 'user' || !ctx.actor.id) throw new SessionRequiredError();
  return { userId: ctx.actor.id, sessionId: ctx.actor.sessionId };
}

/**
 * Refuses credential and account changes (password, 2FA, email, closure, API keys of the user) in an
 * impersonation session. `action` completes "cannot …", e.g. 'change the password'.
 */
export function assertNotImpersonating(ctx: RequestContext, action: string): void {
  if (ctx.actor.impersonatorId) throw new ImpersonationForbiddenError(action);
}
