import type { Changes } from '@quire/core';
import type { FieldChange } from '../entities/content-revision.entity';

/**
 * A revision's field-level diff as the audit log records it (`EventBus.publish(…, { changes })`): one member per
 * changed field, named by its path; a value of another locale than the event's is named `<locale>:<path>`, a change
 * to a published document `published:<path>`. Never in the event's payload: content events promise receivers no
 * field values.
 */
export function revisionChanges(diff: readonly FieldChange[], locale: string | null): Changes {
  const changes: Changes = {};
  for (const change of diff) {
    const qualified =
      change.locale === null || change.locale === locale ? change.path : `${change.locale}:${change.path}`;
    const key = change.version === 'published' ? `published:${qualified}` : qualified;
    changes[key] = { before: change.before ?? null, after: change.after ?? null };
  }
  return changes;
}
