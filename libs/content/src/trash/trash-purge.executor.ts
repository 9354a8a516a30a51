import { Injectable } from '@nestjs/common';
import { EventBus, type RetentionBatch, type RetentionExecutor } from '@quire/core';
import { bumpDeliveryGeneration } from '../shared/delivery-generation';

interface PurgedRow {
  id: string;
  workspace_id: string;
  workspace_slug: string;
  api_id: string;
}

/**
 * The action of the retention policy `content.trashed-entries`, run by the compliance retention engine on each batch
 * of entries in the trash longer than their workspace plan's retention: erases them with their locales, revisions
 * and references (the foreign keys cascade) and, in the same transaction, publishes a `content.entry.purged` event
 * per entry and bumps the delivery generation of each workspace touched.
 */
@Injectable()
export class TrashPurgeExecutor implements RetentionExecutor {
  constructor(private readonly events: EventBus) {}

  async apply({ ids, tx, manager }: RetentionBatch): Promise<number> {
    const result: PurgedRow[] | [PurgedRow[], number] = await manager.query(
      `DELETE FROM content_entries e
        USING content_types t, workspaces w
        WHERE e.id = ANY($1::uuid[]) AND t.id = e.content_type_id AND w.id = e.workspace_id
          AND e.deleted_at IS NOT NULL
       RETURNING e.id, e.workspace_id, w.slug AS workspace_slug, t.api_id`,
      [ids],
    );
    // TypeORM answers DELETE … RETURNING with [rows, count] on PostgreSQL.
    const purged = (Array.isArray(result[0]) ? result[0] : result) as PurgedRow[];
    const byWorkspace = new Map<string, PurgedRow[]>();
    for (const row of purged) byWorkspace.set(row.workspace_id, [...(byWorkspace.get(row.workspace_id) ?? []), row]);
    for (const [workspaceId, rows] of byWorkspace) {
      const inWorkspace = tx.withWorkspace({ id: workspaceId, slug: rows[0]!.workspace_slug });
      for (const row of rows) {
        await this.events.publish(inWorkspace, 'content.entry.purged', {
          entryId: row.id,
          contentType: row.api_id,
          purged: true,
        });
      }
      await bumpDeliveryGeneration(inWorkspace, manager);
    }
    return purged.length;
  }
}
