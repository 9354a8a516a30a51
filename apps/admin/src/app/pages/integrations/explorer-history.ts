/**
 * The API explorer's last requests in localStorage (this browser only): what was sent and how it was answered,
 * never a response body, which may hold secrets. Sign-out clears localStorage as a whole (SessionStore), so the
 * history goes with it.
 */
export const HISTORY_KEY = 'quire.apiExplorer.history';
const LIMIT = 50;

export interface HistoryEntry {
  /** The endpoint's `METHOD /template`, to select it again. */
  endpointId: string;
  method: string;
  /** The path as sent, parameters filled in. */
  path: string;
  pathParameters: Record<string, string>;
  /** The query string as sent, without "?". */
  query: string;
  body: string;
  status: number;
  durationMs: number;
  at: string;
}

export function readHistory(): HistoryEntry[] {
  try {
    const stored = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(stored) ? (stored as HistoryEntry[]) : [];
  } catch {
    return [];
  }
}

/** Newest first, at most 50. */
export function addToHistory(entry: HistoryEntry): HistoryEntry[] {
  const history = [entry, ...readHistory()].slice(0, LIMIT);
  localStorage.setItem(HISTORY_KEY, JSON.stringify(history));
  return history;
}

export function clearHistory(): void {
  localStorage.removeItem(HISTORY_KEY);
}
