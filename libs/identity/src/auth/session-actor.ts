import type { RequestContext } from '@quire/core';
import { SessionRequiredError } from './auth.errors';

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
