import { QuireError } from '@quire/core';
import type { ReleaseItemRow } from './release-record';

/** Why one item of a release cannot run: one per failing field, or one for the item when it is not about a field. */
export interface ReleaseFailure {
  itemId: string;
  entryId: string;
  locale: string;
  action: string;
  code: string;
  /** The failing field's path in the entry, or null. */
  field: string | null;
  message: string;
}

/** The failures an item's error stands for: each field problem of a refused publish, else the problem itself. */
export function failuresOf(item: ReleaseItemRow, error: unknown): ReleaseFailure[] {
  const base = { itemId: item.id, entryId: item.entry_id, locale: item.locale, action: item.action };
  if (!(error instanceof QuireError)) {
    return [{ ...base, code: 'content.release-run-error', field: null, message: 'The item could not run' }];
  }
  const problems = error.errors ?? [];
  if (problems.length === 0) {
    return [{ ...base, code: error.code, field: null, message: error.detail ?? error.title }];
  }
  return problems.map((problem) => ({ ...base, code: error.code, field: problem.path, message: problem.message }));
}
