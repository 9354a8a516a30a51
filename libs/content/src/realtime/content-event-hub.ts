import { isUuid } from '@quire/core';
import type { Server } from 'node:http';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AppAbility } from '@quire/core';
import { DataSource } from 'typeorm';
import type { ContentEventNotice } from './content-event-channel';
import { canSeeContentEvent } from './content-event-visibility';
import type { ContentStreamEvent, RoutedContentEvent } from './content-stream-event';

/** One open stream: who subscribed (their ability at subscription time) and how to send to them. */
export interface ContentEventSubscriber {
  workspaceId: string;
  ability: AppAbility;
  send(event: ContentStreamEvent): void;
  close(): void;
}

/** How often open streams check whether the server stopped listening (a graceful stop has begun). */
const SHUTDOWN_WATCH_MS = 500;

/**
 * This instance's open event streams, by workspace. Each committed event (a notice from the listener) is read once
 * per instance — the outbox row and the author of its entry — and sent to the subscribers allowed to read it, in
 * the order the notices came. Streams end when the server stops listening (so a graceful stop does not wait for
 * them) and at shutdown.
 */
@Injectable()
export class ContentEventHub implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ContentEventHub.name);
  private readonly byWorkspace = new Map<string, Set<ContentEventSubscriber>>();
  private delivering: Promise<void> = Promise.resolve();
  private shutdownWatch: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  subscribe(subscriber: ContentEventSubscriber): () => void {
    const set = this.byWorkspace.get(subscriber.workspaceId) ?? new Set<ContentEventSubscriber>();
    set.add(subscriber);
    this.byWorkspace.set(subscriber.workspaceId, set);
    this.watchShutdown();
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.byWorkspace.get(subscriber.workspaceId) === set) {
        this.byWorkspace.delete(subscriber.workspaceId);
      }
      if (this.byWorkspace.size === 0) this.stopWatch();
    };
  }

  get subscriberCount(): number {
    let count = 0;
    for (const set of this.byWorkspace.values()) count += set.size;
    return count;
  }

  /** Queued behind earlier notices, so a stream sees events in commit order. */
  notify(notice: ContentEventNotice): void {
    if (!this.byWorkspace.has(notice.workspaceId)) return;
    this.delivering = this.delivering
      .then(() => this.deliver(notice))
      .catch((error: Error) => this.logger.warn(`Could not stream event ${notice.id}: ${error.message}`));
  }

  beforeApplicationShutdown(): void {
    this.closeAll();
  }

  private async deliver(notice: ContentEventNotice): Promise<void> {
    const subscribers = this.byWorkspace.get(notice.workspaceId);
    if (!subscribers?.size) return;
    const routed = await this.read(notice);
    if (!routed) return;
    for (const subscriber of [...subscribers]) {
      if (canSeeContentEvent(subscriber.ability, routed)) subscriber.send(routed.event);
    }
  }

  private async read(notice: ContentEventNotice): Promise<RoutedContentEvent | null> {
    if (!isUuid(notice.id)) return null;
    const [row] = (await this.dataSource.query(
      `SELECT id, event_name, payload, actor, created_at FROM quire_outbox WHERE id = $1 AND workspace_id = $2`,
      [notice.id, notice.workspaceId],
    )) as Array<{
      id: string;
      event_name: string;
      payload: Record<string, unknown>;
      actor: { type?: string; id?: string | null };
      created_at: Date;
    }>;
    if (!row) return null;
    const entryId = row.payload?.entryId;
    let entryCreatedById: string | null = null;
    if (typeof entryId === 'string' && isUuid(entryId)) {
      const [entry] = (await this.dataSource.query(
        `SELECT created_by FROM content_entries WHERE id = $1 AND workspace_id = $2`,
        [entryId, notice.workspaceId],
      )) as Array<{ created_by: string | null }>;
      entryCreatedById = entry?.created_by ?? null;
    }
    return {
      entryCreatedById,
      event: {
        id: row.id,
        name: row.event_name,
        occurredAt: new Date(row.created_at).toISOString(),
        actor: { type: String(row.actor?.type ?? 'unknown'), id: row.actor?.id ?? null },
        payload: row.payload ?? {},
      },
    };
  }

  private watchShutdown(): void {
    if (this.shutdownWatch) return;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) return;
    this.shutdownWatch = setInterval(() => {
      if (!server.listening) this.closeAll();
    }, SHUTDOWN_WATCH_MS);
    this.shutdownWatch.unref();
  }

  private stopWatch(): void {
    if (this.shutdownWatch) clearInterval(this.shutdownWatch);
    this.shutdownWatch = null;
  }

  private closeAll(): void {
    for (const set of [...this.byWorkspace.values()]) for (const subscriber of [...set]) subscriber.close();
    this.byWorkspace.clear();
    this.stopWatch();
  }
}
