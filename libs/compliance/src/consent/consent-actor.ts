import type { RequestContext } from '@quire/core';
import { ConsentImpersonationForbiddenError, ConsentUserRequiredError } from './consent.errors';

/** The signed-in user whose own consents the request reads; API keys and anonymous callers are refused. */
export function consentUser(ctx: RequestContext): string {
  if (ctx.actor.type !== 'user' || !ctx.actor.id) throw new ConsentUserRequiredError();
  return ctx.actor.id;
}

/** The signed-in user answering for themselves: never an administrator impersonating them. */
export function consentAnsweringUser(ctx: RequestContext): string {
  const userId = consentUser(ctx);
  if (ctx.actor.impersonatorId) throw new ConsentImpersonationForbiddenError();
  return userId;
}
