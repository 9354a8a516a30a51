/** The NOTIFY channel the outbox trigger (migration 1764400000040) signals each committed `content.*` event on. */
export const CONTENT_EVENTS_CHANNEL = 'quire_content_events';

/** What a notice carries: the outbox row to read and the workspace whose streams get it. */
export interface ContentEventNotice {
  id: string;
  workspaceId: string;
}

/** The notice of a NOTIFY payload, or null for anything malformed (ignored rather than trusted). */
export function parseContentEventNotice(payload: string | undefined): ContentEventNotice | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as Partial<ContentEventNotice>;
    return typeof value.id === 'string' && typeof value.workspaceId === 'string'
      ? { id: value.id, workspaceId: value.workspaceId }
      : null;
  } catch {
    return null;
  }
}
