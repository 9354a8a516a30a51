import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import {
  ForbiddenActionError,
  listTenantRows,
  TenantDataSource,
  ValidationFailedError,
  type FieldProblem,
  type ListQuerySpec,
  type RequestContext,
} from '@quire/core';
import { ContentTypeVersion } from '../entities/content-type-version.entity';
import { ContentType } from '../entities/content-type.entity';
import { CONTENT_TYPE_SUBJECT } from '../content.permissions';
import type { ContentTypeDefinition } from '../schema/field-definition';
import { validateTypeDefinition } from '../schema/validate-type-definition';
import { ContentTypeStore, environmentOf } from './content-type-store';
import {
  ContentTypeExistsError,
  ContentTypeNotFoundError,
  ContentTypeVersionNotFoundError,
} from './content-types.errors';
import type {
  ContentTypeListResponse,
  ContentTypeResponse,
  ContentTypeSummaryResponse,
} from './dto/content-type.response';
import type { ContentTypeVersionResponse } from './dto/content-type-version.response';
import type { SchemaChangePreviewResponse } from './dto/schema-change.response';
import { SchemaChangeService, type SchemaChangeOutcome } from './schema-change.service';
import { readUpdateRequest } from './schema-change-request';

/** What the type list may filter and sort on (`?kind=` is a shorthand for `filter[kind]=`). */
export const contentTypeListSpec: ListQuerySpec = {
  fields: {
    apiId: { type: 'text', column: 'api_id', filterable: true, sortable: true, selectable: true },
    kind: {
      type: 'enum',
      column: 'kind',
      enumValues: ['collection', 'singleton', 'component'],
      filterable: true,
      sortable: true,
      selectable: true,
    },
    name: { type: 'text', column: 'name', filterable: true, sortable: true, selectable: true },
    version: { type: 'integer', column: 'version', filterable: true, sortable: true, selectable: true },
    createdAt: { type: 'datetime', column: 'created_at', filterable: true, sortable: true, selectable: true },
    updatedAt: { type: 'datetime', column: 'updated_at', filterable: true, sortable: true, selectable: true },
  },
  defaultSort: 'apiId',
  tieBreaker: 'apiId',
  defaultPageSize: 50,
  maxPageSize: 200,
  extraParams: ['kind'],
};

/** Permission condition fields of `ContentType` → columns (rules like `{ apiId: 'blog-post' }`). */
const CONTENT_TYPE_PERMISSION_FIELDS = { apiId: 'api_id' };

/** Prefixes problem paths: `fields[0].type` → `definition.fields[0].type`. */
export function prefixed(problems: readonly FieldProblem[], prefix: string): FieldProblem[] {
  return problems.map((p) => ({ ...p, path: p.path ? `${prefix}.${p.path}` : prefix }));
}

@Injectable()
export class ContentTypeService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly store: ContentTypeStore,
    private readonly schemaChanges: SchemaChangeService,
  ) {}

  async list(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<ContentTypeListResponse> {
    const { kind, ...rest } = rawQuery;
    const query = kind === undefined ? rest : { ...rest, filter: { ...(rest.filter as object), kind } };
    const { page } = await listTenantRows(
      ctx,
      this.db.repository(ctx, ContentType).createQueryBuilder('row'),
      'row',
      query,
      { ...contentTypeListSpec, extraParams: [] },
      { action: 'read', subject: CONTENT_TYPE_SUBJECT, fields: CONTENT_TYPE_PERMISSION_FIELDS },
    );
    return { data: page.data.map(toSummary), meta: page.meta };
  }

  async get(ctx: RequestContext, apiId: string): Promise<ContentTypeResponse> {
    return this.toResponse(ctx, await this.findReadable(ctx, apiId));
  }

  async create(ctx: RequestContext, body: unknown): Promise<ContentTypeResponse> {
    const input = (body ?? {}) as Partial<ContentTypeDefinition>;
    if (typeof input.apiId === 'string') this.assertCan(ctx, 'create', input.apiId);
    const row = await this.db.transaction(ctx, async (tx) => {
      const rows = await this.store.lockAll(tx);
      const ownTarget = input.kind !== 'component' && typeof input.apiId === 'string' ? input.apiId : undefined;
      const { definition, problems } = validateTypeDefinition(
        body,
        environmentOf(
          rows.map((r) => r.definition),
          ownTarget,
        ),
      );
      if (!definition || problems.length > 0) throw new ValidationFailedError(problems);
      if (rows.some((r) => r.apiId === definition.apiId)) throw new ContentTypeExistsError(definition.apiId);
      return this.store.insert(tx, definition);
    });
    return this.toResponse(ctx, row);
  }

  async update(
    ctx: RequestContext,
    apiId: string,
    body: unknown,
  ): Promise<ContentTypeResponse | SchemaChangePreviewResponse> {
    await this.findReadable(ctx, apiId);
    this.assertCan(ctx, 'update', apiId);
    const request = readUpdateRequest(body);
    const result = await this.db.transaction(ctx, async (tx) => {
      const rows = await this.store.lockAll(tx);
      const row = rows.find((r) => r.apiId === apiId);
      if (!row) throw new ContentTypeNotFoundError(apiId);
      const others = rows.filter((r) => r !== row).map((r) => r.definition);
      const { definition, problems } = validateTypeDefinition(
        request.definition,
        environmentOf(
          [...others, ...(row.kind === 'component' ? [row.definition] : [])],
          (request.definition as Partial<ContentTypeDefinition>).kind !== 'component' ? apiId : undefined,
        ),
      );
      const all = prefixed(problems, 'definition');
      if (definition && definition.apiId !== apiId)
        all.push({ path: 'definition.apiId', message: `is immutable: must stay "${apiId}"` });
      if (definition) all.push(...renameProblems(row.definition, definition, request.renames));
      if (!definition || all.length > 0) throw new ValidationFailedError(all);
      const workspaceTypes = new Map([...others, definition].map((d) => [d.apiId, d]));
      const outcome = await this.schemaChanges.change(tx, row, definition, request, workspaceTypes);
      if (request.dryRun) return { preview: outcome as SchemaChangeOutcome };
      const updated = (await this.db.repository(tx, ContentType).findOneBy({ id: row.id }))!;
      return { updated, changes: outcome.changes, migrated: outcome.wouldMigrate };
    });
    if ('preview' in result && result.preview) {
      const { changes, report, wouldMigrate, refusal } = result.preview;
      return { changes, report, wouldMigrate, refusal };
    }
    return { ...(await this.toResponse(ctx, result.updated)), changes: result.changes, migrated: result.migrated };
  }

  async remove(ctx: RequestContext, apiId: string): Promise<void> {
    await this.findReadable(ctx, apiId);
    this.assertCan(ctx, 'delete', apiId);
    await this.db.transaction(ctx, async (tx) => {
      const rows = await this.store.lockAll(tx);
      const row = rows.find((r) => r.apiId === apiId);
      if (!row) throw new ContentTypeNotFoundError(apiId);
      await this.store.assertUnused(
        tx,
        row,
        rows.filter((r) => r !== row).map((r) => r.definition),
      );
      await this.store.delete(tx, row);
    });
  }

  async versions(ctx: RequestContext, apiId: string): Promise<ContentTypeVersionResponse[]> {
    const row = await this.findReadable(ctx, apiId);
    const versions = await this.db.manager(ctx).find(ContentTypeVersion, {
      where: { contentTypeId: row.id, workspaceId: ctx.workspaceId },
      order: { version: 'DESC' },
      select: { version: true, changes: true, actorType: true, actorId: true, createdAt: true },
    });
    return versions.map((v) => toVersion(v, false));
  }

  async version(ctx: RequestContext, apiId: string, version: string): Promise<ContentTypeVersionResponse> {
    const row = await this.findReadable(ctx, apiId);
    const number = /^[1-9][0-9]{0,8}$/.test(version) ? Number(version) : null;
    const found =
      number === null
        ? null
        : await this.db.manager(ctx).findOneBy(ContentTypeVersion, {
            contentTypeId: row.id,
            workspaceId: ctx.workspaceId,
            version: number,
          });
    if (!found) throw new ContentTypeVersionNotFoundError(apiId, version);
    return toVersion(found, true);
  }

  /** The type, or 404 when it does not exist or the caller may not read it (existence is not disclosed). */
  async findReadable(ctx: RequestContext, apiId: string): Promise<ContentType> {
    const row = await this.db.repository(ctx, ContentType).findOneBy({ apiId });
    if (!row || !ctx.ability.can('read', subject(CONTENT_TYPE_SUBJECT, { apiId: row.apiId }))) {
      throw new ContentTypeNotFoundError(apiId);
    }
    return row;
  }

  /** 403 when the caller's rules do not allow `action` on this type (per-type conditions on `apiId`). */
  assertCan(ctx: RequestContext, action: string, apiId: string): void {
    if (!ctx.ability.can(action, subject(CONTENT_TYPE_SUBJECT, { apiId })))
      throw new ForbiddenActionError(action, `content type "${apiId}"`);
  }

  private async toResponse(ctx: RequestContext, row: ContentType): Promise<ContentTypeResponse> {
    const [counts] = await this.db.manager(ctx).query(
      `SELECT count(*) FILTER (WHERE deleted_at IS NULL)::int AS live, count(*) FILTER (WHERE deleted_at IS NOT NULL)::int AS trashed
         FROM content_entries WHERE workspace_id = $1 AND content_type_id = $2`,
      [ctx.workspaceId, row.id],
    );
    return {
      apiId: row.apiId,
      kind: row.kind,
      name: row.name,
      version: row.version,
      definition: row.definition,
      entryCount: counts.live,
      trashedCount: counts.trashed,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

/** Renames must name a field of the current definition and one of the new; the new name must be free. */
function renameProblems(
  before: ContentTypeDefinition,
  after: ContentTypeDefinition,
  renames: Record<string, string>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const beforeNames = new Set(before.fields.map((f) => f.name));
  const afterNames = new Set(after.fields.map((f) => f.name));
  for (const [from, to] of Object.entries(renames)) {
    const path = `renames.${from}`;
    if (!beforeNames.has(from)) problems.push({ path, message: `"${from}" is not a field of the current definition` });
    else if (afterNames.has(from) && !Object.values(renames).includes(from))
      problems.push({ path, message: `"${from}" is still a field of the new definition: it cannot be renamed` });
    if (!afterNames.has(to)) problems.push({ path, message: `"${to}" is not a field of the new definition` });
    else if (beforeNames.has(to) && !Object.hasOwn(renames, to))
      problems.push({ path, message: `"${to}" is already a field: rename or remove it too` });
  }
  return problems;
}

function toSummary(row: ContentType): ContentTypeSummaryResponse {
  return {
    apiId: row.apiId,
    kind: row.kind,
    name: row.name,
    ...(row.definition.description ? { description: row.definition.description } : {}),
    version: row.version,
    fields: row.definition.fields.length,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toVersion(v: ContentTypeVersion, withDefinition: boolean): ContentTypeVersionResponse {
  return {
    version: v.version,
    changes: v.changes,
    actor: { type: v.actorType, id: v.actorId },
    createdAt: v.createdAt.toISOString(),
    ...(withDefinition ? { definition: v.definition } : {}),
  };
}
