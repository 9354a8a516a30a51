import type { EntityManager } from 'typeorm';

/**
 * A workspace the person is the only owner of while other members still use it, or null. Erasing them would leave
 * those members in a workspace nobody can administer, so erasure waits until another member is made owner.
 */
export async function soleOwnedSharedWorkspace(
  manager: EntityManager,
  userId: string,
): Promise<{ id: string; slug: string } | null> {
  const rows = (await manager.query(
    `SELECT w.id, w.slug
       FROM workspace_members m
       JOIN workspaces w ON w.id = m.workspace_id
      WHERE m.user_id = $1 AND m.role = 'owner'
        AND NOT EXISTS (SELECT 1 FROM workspace_members o
                         WHERE o.workspace_id = m.workspace_id AND o.user_id <> $1 AND o.role = 'owner')
        AND EXISTS (SELECT 1 FROM workspace_members o WHERE o.workspace_id = m.workspace_id AND o.user_id <> $1)
      ORDER BY w.slug LIMIT 1`,
    [userId],
  )) as Array<{ id: string; slug: string }>;
  return rows[0] ?? null;
}
