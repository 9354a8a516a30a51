import { RequestContext, type Actor } from '@quire/core';
import { platformAdminActor } from './platform-admin-actor';
import { PlatformAdminRequiredError } from './platform-admin.errors';

const admin: Actor = { type: 'user', id: 'u-admin', platformAdmin: true, sessionId: 's-admin' };
const ctxOf = (actor: Actor) => RequestContext.forRequest({ requestId: 'r' }).withActor(actor);

describe(platformAdminActor.name, () => {
  it('answers the platform administrator signed in with their own session', () => {
    expect(platformAdminActor(ctxOf(admin))).toEqual({ userId: 'u-admin', sessionId: 's-admin' });
  });

  it.each<[string, Actor]>([
    ['a user who is not one', { ...admin, platformAdmin: false }],
    ['an impersonation session, whatever its flag says', { ...admin, impersonatorId: 'u-other' }],
    ['an API key, even one that claims it', { type: 'api-key', id: 'k1', platformAdmin: true }],
    ['a user without a session', { type: 'user', id: 'u-admin', platformAdmin: true }],
    ['a system job', { type: 'system', id: 'job', platformAdmin: true }],
    ['anonymous', { type: 'anonymous', id: null }],
  ])('refuses %s with 403', (_name, actor) => {
    expect(() => platformAdminActor(ctxOf(actor))).toThrow(PlatformAdminRequiredError);
  });
});
