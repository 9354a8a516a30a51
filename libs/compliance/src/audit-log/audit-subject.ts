/**
 * What an event is about, by the naming conventions every plugin follows: an event `<plugin>.<subject>.<verb>`
 * (`content.entry.published`) is about a `content.entry`, whose id is the payload's `<subject>Id` (`entryId`), or else
 * the payload's first string `*Id` key. A plugin that wants another subject says so in the payload's `subject`.
 */
export function auditSubject(action: string, payload: unknown): { type: string | null; id: string | null } {
  const segments = action.split('.');
  const record = payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
  const declared = record['subject'];
  if (declared !== null && typeof declared === 'object') {
    const { type, id } = declared as Record<string, unknown>;
    if (typeof type === 'string') return { type, id: typeof id === 'string' ? id : null };
  }
  const type = segments.length >= 3 ? segments.slice(0, -1).join('.') : (segments[0] ?? null);
  const noun = segments.length >= 3 ? segments[segments.length - 2]! : '';
  const ownKey = `${camelCase(noun)}Id`;
  if (typeof record[ownKey] === 'string') return { type, id: record[ownKey] as string };
  const firstId = Object.entries(record).find(([key, value]) => key.endsWith('Id') && typeof value === 'string');
  return { type, id: firstId ? (firstId[1] as string) : null };
}

function camelCase(kebab: string): string {
  return kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
