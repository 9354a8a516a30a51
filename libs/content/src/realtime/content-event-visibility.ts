import { subject } from '@casl/ability';
import type { AppAbility } from '@quire/core';
import { CONTENT_TYPE_SUBJECT, ENTRY_SUBJECT } from '../content.permissions';
import type { RoutedContentEvent } from './content-stream-event';

/**
 * Whether a subscriber may see an event, by the same rules as reading its record: an entry event needs `read` on
 * that entry (its type and author), a type or schema event `read` on content types. Anything else (imports) needs
 * `read` on every entry and type, since it may say something of any of them.
 */
export function canSeeContentEvent(ability: AppAbility, routed: RoutedContentEvent): boolean {
  const { name, payload } = routed.event;
  if (name.startsWith('content.entry.')) {
    const contentType = typeof payload.contentType === 'string' ? payload.contentType : undefined;
    // Without a type in the payload only a rule on every entry can allow it.
    if (contentType === undefined) return unconditionally(ability, ENTRY_SUBJECT);
    // A purged entry has no author left: only rules that do not depend on the author match (conservative).
    const record: Record<string, unknown> = { contentType };
    if (routed.entryCreatedById) record.createdById = routed.entryCreatedById;
    return ability.can('read', subject(ENTRY_SUBJECT, record));
  }
  if (name.startsWith('content.type.')) {
    const apiId = typeof payload.apiId === 'string' ? payload.apiId : undefined;
    return apiId === undefined
      ? unconditionally(ability, CONTENT_TYPE_SUBJECT)
      : ability.can('read', subject(CONTENT_TYPE_SUBJECT, { apiId }));
  }
  if (name.startsWith('content.schema.')) return unconditionally(ability, CONTENT_TYPE_SUBJECT);
  return unconditionally(ability, CONTENT_TYPE_SUBJECT) && unconditionally(ability, ENTRY_SUBJECT);
}

/** `read` on every record of the subject: allowed, and no rule (granting or refusing) depends on the record. */
function unconditionally(ability: AppAbility, subjectType: string): boolean {
  return (
    ability.can('read', subjectType) &&
    ability.rulesFor('read', subjectType).every((rule) => rule.conditions === undefined)
  );
}
