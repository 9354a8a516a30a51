import { QuireError, type FieldProblem } from '@quire/core';

export type TrashErrorCode = 'content.entry-referenced' | 'content.trash-restore-conflict';

/** One live entry pointing at an entry that would go to the trash, through a field whose rule is `restrict`. */
export interface ReferencingEntry {
  entryId: string;
  contentType: string;
  /** The field path inside the referencing entry, e.g. `author` or `blocks[1].source`. */
  field: string;
  /** The locale of a localized field; null for a shared one. */
  locale: string | null;
}

/** Trashing refused: other entries point at this one through `restrict` fields. Nothing changed. */
export class EntryReferencedError extends QuireError {
  constructor(entryId: string, referencedBy: ReferencingEntry[]) {
    super({
      code: 'content.entry-referenced' satisfies TrashErrorCode,
      status: 409,
      title: 'Entry is referenced',
      detail:
        `Entry ${entryId} is referenced by ${referencedBy.length} link(s) whose rule is "restrict"; remove those ` +
        `links first, or set the fields' onDelete to "detach".`,
      errors: referencedBy.map((r) => ({
        path: `referencedBy.${r.entryId}.${r.locale === null ? '' : `${r.locale}.`}${r.field}`,
        message: `${r.contentType} entry ${r.entryId} links to this entry in "${r.field}" (onDelete: restrict)`,
      })),
      extensions: { rule: 'restrict', referencedBy },
    });
  }
}

/** Restore refused: a unique or slug value of the entry was taken by another entry while it was in the trash. */
export class TrashRestoreConflictError extends QuireError {
  constructor(entryId: string, errors: FieldProblem[]) {
    super({
      code: 'content.trash-restore-conflict' satisfies TrashErrorCode,
      status: 409,
      title: 'Restore conflicts with another entry',
      detail: `Entry ${entryId} cannot leave the trash: ${errors.map((e) => e.path).join(', ')} taken meanwhile by another entry. Change the other entry's value, then restore.`,
      errors,
      extensions: { fields: errors.map((e) => e.path) },
    });
  }
}
