export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a problem names a value that is not what was expected, without echoing it (it may hold secrets). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return `the class or function ${value.name || '(anonymous)'}`;
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
