import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '../context/actor';

/** One finished API request, as request recorders see it: what happened, never what was sent. */
export interface RequestRecord {
  /** When the request arrived. */
  occurredAt: Date;
  method: string;
  /** The matched route pattern (`/api/v1/workspaces/:workspace/entries/:id`), null when no route matched. */
  route: string | null;
  /** The status sent; 499 when the client went away before the response was complete. */
  status: number;
  durationMs: number;
  actorType: Actor['type'];
  /** User id or API key id; null for anonymous requests. */
  actorId: string | null;
  /** The platform administrator impersonating the actor, if any. */
  impersonatorId: string | null;
  workspaceId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
  /** A rate limit refused the request (`core.rate-limited`). */
  rateLimited: boolean;
  /** The problem code of an error response (`content.entry-not-found`); null on success. */
  errorCode: string | null;
}

/**
 * Something that keeps a record of every finished API request (the compliance plugin's system logs). It runs after
 * the response is sent and must not block: buffer and write later. Its errors are logged, never seen by a client.
 */
export interface RequestRecorder {
  record(record: RequestRecord): void | Promise<void>;
}

/**
 * The kernel's extension point for request recorders, like `EventRecorders` for events: a plugin registers at module
 * init; the HTTP layer hands every recorder each finished API request.
 */
@Injectable()
export class RequestRecorders {
  private readonly logger = new Logger(RequestRecorders.name);
  private readonly recorders: RequestRecorder[] = [];

  register(recorder: RequestRecorder): void {
    this.recorders.push(recorder);
  }

  get any(): boolean {
    return this.recorders.length > 0;
  }

  /** Hands the record to every recorder; a failing one is logged and the others still run. */
  recordAll(record: RequestRecord): void {
    for (const recorder of this.recorders) {
      try {
        const pending = recorder.record(record);
        if (pending) pending.catch((error: unknown) => this.failed(recorder, error));
      } catch (error) {
        this.failed(recorder, error);
      }
    }
  }

  private failed(recorder: RequestRecorder, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(`Request recorder ${recorder.constructor.name} failed: ${message}`);
  }
}
