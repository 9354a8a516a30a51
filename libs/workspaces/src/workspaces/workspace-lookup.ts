import { isUuid } from '../slugs/workspace-slug';

/**
 * SQL condition (alias `w`) matching the workspace a route reference names: its id, its slug regardless of
 * case, or a former slug (which keeps naming it). `$1` is the reference.
 */
export function referenceCondition(reference: string): string {
  if (isUuid(reference)) return 'w.id = $1::uuid';
  return `(lower(w.slug) = lower($1)
    OR w.id = (SELECT r.workspace_id FROM workspace_slug_redirects r WHERE lower(r.old_slug) = lower($1)))`;
}
