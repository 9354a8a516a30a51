import type { Actor } from '../context/actor';

/**
 * Every event name mapped to its payload. Empty in the kernel: each plugin adds its own events by declaration
 * merging, in its `*.events.ts`:
 *
 *   declare module '@quire/core' {
 *     interface QuireEvents { 'example-notes.note.created': { noteId: string } }
 *   }
 *
 * `EventBus.publish` and `@OnQuireEvent` accept only names declared here, with their payload type.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface QuireEvents {}

export type QuireEventName = Extract<keyof QuireEvents, string>;

/** An event as stored and queued: the payload, plus where, when and by whom it happened. */
export interface QuireEventEnvelope {
  /** The outbox row's id (UUIDv7); also each handler's queue job id, so one delivery can be traced end to end. */
  id: string;
  name: string;
  workspaceId: string | null;
  /** Who caused the event (the handler itself runs as a system actor). */
  actor: Actor;
  requestId: string | null;
  payload: unknown;
  /** ISO 8601, when the change was written. */
  occurredAt: string;
}

/** What a handler of event `K` receives. */
export interface QuireEvent<K extends QuireEventName> extends QuireEventEnvelope {
  name: K;
  payload: QuireEvents[K];
}
