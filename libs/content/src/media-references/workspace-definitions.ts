import type { EntityManager } from 'typeorm';
import type { ContentTypeDefinition } from '../schema/field-definition';

/** Every type of a workspace, by id, and its components by API id: what walking any of its entries needs. */
export interface WorkspaceDefinitions {
  byId: ReadonlyMap<string, { apiId: string; definition: ContentTypeDefinition }>;
  components: ReadonlyMap<string, ContentTypeDefinition>;
}

/** Reads the workspace's types in one query (definitions are small; a workspace has tens of types, not thousands). */
export async function loadWorkspaceDefinitions(
  manager: EntityManager,
  workspaceId: string,
): Promise<WorkspaceDefinitions> {
  const rows: Array<{ id: string; api_id: string; kind: string; definition: ContentTypeDefinition }> =
    await manager.query(`SELECT id, api_id, kind, definition FROM content_types WHERE workspace_id = $1`, [
      workspaceId,
    ]);
  const byId = new Map(rows.map((row) => [row.id, { apiId: row.api_id, definition: row.definition }]));
  const components = new Map(
    rows.filter((row) => row.kind === 'component').map((row) => [row.api_id, row.definition] as const),
  );
  return { byId, components };
}
