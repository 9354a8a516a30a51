import type { RetentionPolicy } from '@quire/core';
import { quoteIdent } from './sql-identifier';

/**
 * A boolean SQL expression: the row aliased `row` is covered by an active legal hold. A workspace hold covers rows
 * whose workspaceColumn is that workspace; a user hold rows whose userColumn is that user; a time-range hold rows
 * whose age falls in [held_from, held_until] — of its workspace (through workspaceColumn), or of every workspace
 * when it names none. Compared as text: declared columns are uuid or text (an actor id).
 */
export function heldSql(policy: RetentionPolicy, row: string): string {
  const age = `${row}.${quoteIdent(policy.ageColumn)}`;
  const workspace = policy.workspaceColumn ? `${row}.${quoteIdent(policy.workspaceColumn)}::text` : undefined;
  const user = policy.userColumn ? `${row}.${quoteIdent(policy.userColumn)}::text` : undefined;
  const covers = [
    `(h.scope = 'time-range' AND ${age} >= h.held_from AND ${age} <= h.held_until AND ` +
      (workspace ? `(h.workspace_id IS NULL OR h.workspace_id::text = ${workspace}))` : `h.workspace_id IS NULL)`),
  ];
  if (workspace) covers.push(`(h.scope = 'workspace' AND h.workspace_id::text = ${workspace})`);
  if (user) covers.push(`(h.scope = 'user' AND h.user_id::text = ${user})`);
  return `EXISTS (SELECT 1 FROM compliance_legal_holds h WHERE h.released_at IS NULL AND (${covers.join(' OR ')}))`;
}
