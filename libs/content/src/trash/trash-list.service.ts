import { Injectable } from '@nestjs/common';
import {
  applyAbilityToQuery,
  fetchRawPage,
  InjectPluginOptions,
  parseListQuery,
  selectFields,
  TenantDataSource,
  type ListQuerySpec,
  type RequestContext,
} from '@quire/core';
import { ENTRY_SUBJECT } from '../content.permissions';
import type { ContentOptions } from '../content.options';
import { ContentEntry } from '../entities/content-entry.entity';
import { isLocalizedField, type ContentTypeDefinition } from '../schema/field-definition';
import type { TrashItemResponse, TrashListResponse } from './dto/trash-item.response';
import { purgeAt } from './trash-retention';

/** The type's API id of a trashed entry, as a column of the list (filters and permission conditions use it). */
const CONTENT_TYPE_COLUMN = `(SELECT ct.api_id FROM content_types ct WHERE ct.id = {alias}.content_type_id)`;

/** What a client may filter and sort the trash on. */
export const trashListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    contentType: { type: 'string', column: CONTENT_TYPE_COLUMN, filterable: true, sortable: true, selectable: true },
    title: { type: 'text', column: 'id', selectable: true },
    deletedAt: { type: 'datetime', column: 'deletedAt', filterable: true, sortable: true, selectable: true },
    deletedById: { type: 'uuid', column: 'deletedBy', filterable: true, selectable: true },
    purgeAt: { type: 'datetime', column: 'deletedAt', selectable: true },
  },
  defaultSort: '-deletedAt',
  tieBreaker: 'id',
  defaultPageSize: 20,
  maxPageSize: 100,
};

/** Permission condition fields of `Entry` → columns, so the list shows what `ability.can('read', entry)` allows. */
const entryPermissionFields = { contentType: CONTENT_TYPE_COLUMN, createdById: 'createdBy' };

interface TrashRow {
  id: string;
  content_type_id: string;
  deleted_at: Date;
  deleted_by: string | null;
  shared_data: Record<string, unknown>;
}

/** The trash listing: the only place a trashed entry still shows. */
@Injectable()
export class TrashListService {
  constructor(
    private readonly db: TenantDataSource,
    @InjectPluginOptions('content') private readonly options: ContentOptions,
  ) {}

  async list(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<TrashListResponse> {
    const query = parseListQuery(rawQuery, trashListSpec);
    const alias = 'e';
    const qb = this.db
      .repository(ctx, ContentEntry)
      .createQueryBuilder(alias)
      .select([
        `${alias}.id AS id`,
        `${alias}.content_type_id AS content_type_id`,
        `${alias}.deleted_at AS deleted_at`,
        `${alias}.deleted_by AS deleted_by`,
        `${alias}.shared_data AS shared_data`,
      ])
      .andWhere(`${alias}.deleted_at IS NOT NULL`);
    applyAbilityToQuery(qb, alias, ctx.ability, 'read', ENTRY_SUBJECT, entryPermissionFields);
    const page = await fetchRawPage<TrashRow>(qb, alias, query, trashListSpec);

    const manager = this.db.manager(ctx);
    const [workspace] = (await manager.query(`SELECT plan, default_locale FROM workspaces WHERE id = $1`, [
      ctx.workspaceId,
    ])) as Array<{ plan: string; default_locale: string }>;
    const typeIds = [...new Set(page.data.map((row) => row.content_type_id))];
    const entryIds = page.data.map((row) => row.id);
    const [types, drafts] = await Promise.all([
      typeIds.length === 0
        ? []
        : (manager.query(`SELECT id, api_id, definition FROM content_types WHERE workspace_id = $1 AND id = ANY($2)`, [
            ctx.workspaceId,
            typeIds,
          ]) as Promise<Array<{ id: string; api_id: string; definition: ContentTypeDefinition }>>),
      entryIds.length === 0
        ? []
        : (manager.query(
            `SELECT entry_id, draft_data FROM content_entry_locales
              WHERE workspace_id = $1 AND entry_id = ANY($2) AND locale = $3`,
            [ctx.workspaceId, entryIds, workspace.default_locale],
          ) as Promise<Array<{ entry_id: string; draft_data: Record<string, unknown> }>>),
    ]);
    const typeById = new Map(types.map((t) => [t.id, t]));
    const draftByEntry = new Map(drafts.map((d) => [d.entry_id, d.draft_data]));

    const data = page.data.map((row): TrashItemResponse => {
      const type = typeById.get(row.content_type_id);
      const deletedAt = new Date(row.deleted_at);
      return {
        id: row.id,
        contentType: type?.api_id ?? '',
        title: type ? titleOf(type.definition, row.shared_data, draftByEntry.get(row.id) ?? {}) : null,
        deletedAt: deletedAt.toISOString(),
        deletedById: row.deleted_by,
        purgeAt: purgeAt(this.options, workspace.plan, deletedAt).toISOString(),
      };
    });
    return { data: data.map((item) => selectFields(item, query.fields)), meta: page.meta };
  }
}

/** The value of the type's first `text` field: from the shared values, or the locale's draft for a localized field. */
export function titleOf(
  definition: ContentTypeDefinition,
  shared: Record<string, unknown>,
  localized: Record<string, unknown>,
): string | null {
  const field = definition.fields.find((f) => f.type === 'text');
  if (!field) return null;
  const value = isLocalizedField(field) ? localized[field.name] : shared[field.name];
  return typeof value === 'string' && value !== '' ? value : null;
}
