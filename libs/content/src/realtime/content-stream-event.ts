/** One committed content event as a stream sends it (`data:` of an SSE message). */
export interface ContentStreamEvent {
  id: string;
  name: string;
  occurredAt: string;
  actor: { type: string; id: string | null };
  payload: Record<string, unknown>;
}

/** A stream event plus what deciding who may see it needs (the entry's author, read once per event). */
export interface RoutedContentEvent {
  event: ContentStreamEvent;
  /** `created_by` of the entry the event is about; null when not an entry event or the entry is gone (purged). */
  entryCreatedById: string | null;
}

/** One SSE message: `id`, `event` and the JSON `data` (JSON has no raw newlines, so one `data:` line). */
export function formatServerSentEvent(event: ContentStreamEvent): string {
  return `id: ${event.id}\nevent: ${event.name}\ndata: ${JSON.stringify(event)}\n\n`;
}
