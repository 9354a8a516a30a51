import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { JobQueue } from '../jobs/job-queue';
import { EventHandlerRegistry, eventQueueName, type EventHandler } from './event-handler.registry';
import type { QuireEventEnvelope } from './quire-events';

/**
 * Works each handler's queue: calls the handler with the event and a system context in the event's workspace.
 * A handler that throws fails its job, and pg-boss retries it with exponential backoff up to its retry limit;
 * the queue's own shutdown lets the deliveries under way finish.
 */
@Injectable()
export class EventWorkers implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventWorkers.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly registry: EventHandlerRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Also creates every handler's queue before the relay sends to it (pg-boss drops jobs for a missing queue).
    for (const handler of this.registry.handlers) {
      await this.queue.work<QuireEventEnvelope>(
        eventQueueName(handler.id),
        (event, job) => this.deliver(handler, event, job.retryCount),
        {
          retryLimit: handler.options.retryLimit,
          retryDelaySeconds: handler.options.retryDelaySeconds,
          retryBackoff: handler.options.retryBackoff,
        },
      );
    }
  }

  private async deliver(handler: EventHandler, event: QuireEventEnvelope, retryCount: number): Promise<void> {
    // The handler acts as itself (a system actor) in the event's workspace; `event.actor` says who caused it, and
    // the request id carries over so its log lines join the request's.
    let ctx = RequestContext.system(`event:${handler.id}`, event.requestId ?? undefined);
    if (event.workspaceId) ctx = ctx.withWorkspace({ id: event.workspaceId, slug: '' });
    try {
      await handler.invoke(event, ctx);
    } catch (error) {
      const attempt = retryCount + 1;
      const attempts = handler.options.retryLimit + 1;
      const message = error instanceof Error ? error.message : String(error);
      const what = `${handler.id} failed on ${event.name} ${event.id} (attempt ${attempt} of ${attempts}): ${message}`;
      if (attempt >= attempts) this.logger.error(`${what}; no retries left`);
      else this.logger.warn(`${what}; will retry`);
      throw error;
    }
  }
}
