import type { RequestContext } from '../context/request-context';
import { assertEventName } from './event-name';
import type { QuireEvent, QuireEventEnvelope, QuireEventName } from './quire-events';

export const ON_QUIRE_EVENT = 'quire:on-event';

export interface OnQuireEventOptions {
  /** Attempts after the first when the handler throws. Default 5. */
  retryLimit?: number;
  /** Seconds before the first retry. Default 10. */
  retryDelaySeconds?: number;
  /** Double the delay after each attempt (with jitter). Default true. */
  retryBackoff?: boolean;
}

export interface EventHandlerMetadata {
  /** One event by name, or every event the loaded plugins declare in `publicEvents`. */
  subscribes: { event: QuireEventName } | { publicEvents: true };
  options: Required<OnQuireEventOptions>;
}

export type QuireEventHandlerMethod<K extends QuireEventName> = (
  event: QuireEvent<K>,
  ctx: RequestContext,
) => Promise<void>;

/**
 * Subscribes a provider method to an event. The kernel finds it at boot and delivers each committed event to it
 * through the durable queue: at least once, retried with exponential backoff when the method throws, so a handler
 * must be idempotent (`event.id` is a natural key). The handler's id is `<ClassName>.<method>`.
 *
 *   @OnQuireEvent('content.entry.published', { retryLimit: 3 })
 *   async onPublished(event: QuireEvent<'content.entry.published'>, ctx: RequestContext): Promise<void> { … }
 */
export function OnQuireEvent<K extends QuireEventName>(name: K, options: OnQuireEventOptions = {}) {
  // Checked where the class is defined, so a typo fails when the plugin is imported rather than never firing.
  assertEventName(name);
  const decorator = `@OnQuireEvent('${name}')`;
  const metadata: EventHandlerMetadata = { subscribes: { event: name }, options: resolveOptions(decorator, options) };
  return <M extends QuireEventHandlerMethod<K>>(
    _target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => attach(decorator, metadata, key, descriptor.value);
}

/**
 * Subscribes a provider method to every public event: each event that a loaded plugin declares in `publicEvents`
 * (its offer to outside systems, e.g. webhooks), whatever its plugin. Delivered like `@OnQuireEvent` — through the
 * durable queue, at least once, retried with backoff — to the method's one queue; the method tells events apart by
 * `event.name`. The list is fixed at boot from the loaded plugins.
 */
export function OnPublicQuireEvents(options: OnQuireEventOptions = {}) {
  const decorator = '@OnPublicQuireEvents()';
  const metadata: EventHandlerMetadata = {
    subscribes: { publicEvents: true },
    options: resolveOptions(decorator, options),
  };
  return <M extends (event: QuireEventEnvelope, ctx: RequestContext) => Promise<void>>(
    _target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => attach(decorator, metadata, key, descriptor.value);
}

function attach(decorator: string, metadata: EventHandlerMetadata, key: string | symbol, method: unknown): void {
  if (typeof method !== 'function') throw new Error(`${decorator} must decorate a method, not ${String(key)}.`);
  if (Reflect.hasOwnMetadata(ON_QUIRE_EVENT, method)) {
    throw new Error(
      `${String(key)} has two event decorators: a handler method has one subscription (its queue and retry policy ` +
        `are its own); add a second method for ${decorator}.`,
    );
  }
  Reflect.defineMetadata(ON_QUIRE_EVENT, metadata, method);
}

function resolveOptions(decorator: string, options: OnQuireEventOptions): Required<OnQuireEventOptions> {
  const resolved = {
    retryLimit: options.retryLimit ?? 5,
    retryDelaySeconds: options.retryDelaySeconds ?? 10,
    retryBackoff: options.retryBackoff ?? true,
  };
  for (const [option, value, max] of [
    ['retryLimit', resolved.retryLimit, 100],
    ['retryDelaySeconds', resolved.retryDelaySeconds, 86_400],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new Error(`${decorator}: ${option} must be an integer from 0 to ${max}, got ${String(value)}.`);
    }
  }
  return resolved;
}
