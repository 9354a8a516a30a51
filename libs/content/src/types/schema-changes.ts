import { fieldChanges, type Changes } from '@quire/core';
import type { ContentTypeDefinition, FieldDefinition } from '../schema/field-definition';

/**
 * A content type's change as the audit log records it: its changed properties (`name`, `description`, `kind`,
 * `options`) and each added, removed or changed field as `fields.<name>` with its definition before and after (a
 * renamed field shows as removed under its old name and added under its new one).
 */
export function schemaChanges(before: ContentTypeDefinition, after: ContentTypeDefinition): Changes {
  const changes = fieldChanges<ContentTypeDefinition>(before, after, ['name', 'description', 'kind', 'options']);
  const byName = (fields: FieldDefinition[]) => new Map(fields.map((field) => [field.name, field]));
  const fieldChangesByName = fieldChanges<Record<string, FieldDefinition>>(
    Object.fromEntries(byName(before.fields ?? [])),
    Object.fromEntries(byName(after.fields ?? [])),
  );
  for (const [name, change] of Object.entries(fieldChangesByName)) changes[`fields.${name}`] = change;
  return changes;
}
