import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { RequestContext } from '../context/request-context';
import { PluginRegistry } from '../plugin/plugin-registry';
import { ON_QUIRE_EVENT, type EventHandlerMetadata } from './on-event.decorator';
import type { QuireEventEnvelope } from './quire-events';

/** One discovered `@OnQuireEvent` method. */
export interface EventHandler extends EventHandlerMetadata {
  /** `<ClassName>.<method>`: names the handler's queue, so it must stay stable across releases. */
  id: string;
  invoke(event: QuireEventEnvelope, ctx: RequestContext): Promise<void>;
}

/** The queue a handler's deliveries wait in. */
export function eventQueueName(handlerId: string): string {
  return `quire.event.${handlerId}`;
}

/** Finds every `@OnQuireEvent` and `@OnPublicQuireEvents` method of the loaded providers at boot. */
@Injectable()
export class EventHandlerRegistry implements OnModuleInit {
  private readonly logger = new Logger(EventHandlerRegistry.name);
  private handlerList: EventHandler[] = [];
  private byEvent = new Map<string, EventHandler[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly plugins: PluginRegistry,
  ) {}

  onModuleInit(): void {
    const handlers = new Map<string, EventHandler>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown> | null;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = prototype?.[method];
        const metadata =
          typeof fn === 'function'
            ? (Reflect.getMetadata(ON_QUIRE_EVENT, fn) as EventHandlerMetadata | undefined)
            : undefined;
        if (!metadata) continue;
        const id = `${instance.constructor.name}.${method}`;
        if (!wrapper.isDependencyTreeStatic()) {
          throw new Error(
            `Event handler ${id} is on a request-scoped or transient provider; event handlers run outside any request, so make ${instance.constructor.name} a singleton.`,
          );
        }
        if (handlers.has(id)) {
          throw new Error(
            `Two event handlers have the id ${id} (two providers named ${instance.constructor.name}); the id names the handler's queue, so rename one class or method.`,
          );
        }
        handlers.set(id, {
          id,
          ...metadata,
          invoke: (event, ctx) =>
            (fn as (e: QuireEventEnvelope, c: RequestContext) => Promise<void>).call(instance, event, ctx),
        });
      }
    }
    this.handlerList = [...handlers.values()];
    this.byEvent = new Map();
    const publicEvents = this.plugins.publicEvents().map((event) => event.name);
    for (const handler of this.handlerList) {
      const events = 'event' in handler.subscribes ? [handler.subscribes.event] : publicEvents;
      for (const event of events) this.byEvent.set(event, [...(this.byEvent.get(event) ?? []), handler]);
    }
    if (this.handlerList.length > 0)
      this.logger.log(`${this.handlerList.length} event handler(s): ${this.handlerList.map((h) => h.id).join(', ')}`);
  }

  get handlers(): readonly EventHandler[] {
    return this.handlerList;
  }

  subscribersOf(eventName: string): readonly EventHandler[] {
    return this.byEvent.get(eventName) ?? [];
  }
}
