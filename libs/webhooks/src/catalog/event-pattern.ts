/**
 * What a webhook subscribes to: an event name (`content.entry.published`), every event under a prefix
 * (`content.entry.*`, `content.*`), or every event (`*`). A pattern keeps matching events that plugins add later.
 */
const PATTERN = /^(?:\*|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)*(?:\.\*)?)$/;

export function isEventPattern(text: string): boolean {
  return PATTERN.test(text);
}

export function matchesEventPattern(pattern: string, event: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return event.startsWith(pattern.slice(0, -1));
  return pattern === event;
}

export function matchesAnyPattern(patterns: readonly string[], event: string): boolean {
  return patterns.some((pattern) => matchesEventPattern(pattern, event));
}
