import { Injectable } from '@nestjs/common';
import { PluginRegistry, type FieldProblem, type PublicEventDeclaration } from '@quire/core';
import { isEventPattern, matchesEventPattern } from './event-pattern';

export type PublicEvent = PublicEventDeclaration & { plugin: string };

/** The events webhooks may subscribe to: what the loaded plugins declare in `publicEvents`, fixed at boot. */
@Injectable()
export class PublicEventCatalog {
  readonly events: readonly PublicEvent[];

  constructor(registry: PluginRegistry) {
    this.events = registry.publicEvents();
  }

  /** One problem per pattern that is malformed or matches no offered event, naming it as `<field>[i]`. */
  problemsOf(patterns: readonly string[], field = 'events'): FieldProblem[] {
    return patterns.flatMap((pattern, index): FieldProblem[] => {
      const path = `${field}[${index}]`;
      if (!isEventPattern(pattern)) {
        return [{ path, message: `"${pattern}" is not an event name or a pattern such as content.entry.*` }];
      }
      if (!this.events.some((event) => matchesEventPattern(pattern, event.name))) {
        return [{ path, message: `unknown event "${pattern}"; GET /api/v1/webhook-events lists the events` }];
      }
      return [];
    });
  }
}
