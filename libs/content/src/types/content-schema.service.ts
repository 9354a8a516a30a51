import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { EventBus, TenantDataSource, ValidationFailedError, type FieldProblem, type RequestContext } from '@quire/core';
import { ContentType } from '../entities/content-type.entity';
import { CONTENT_TYPE_SUBJECT } from '../content.permissions';
import type { ContentTypeDefinition } from '../schema/field-definition';
import { diffDefinitions } from '../schema/schema-change';
import { validateTypeDefinition } from '../schema/validate-type-definition';
import { ContentTypeStore, environmentOf } from './content-type-store';
import { ContentTypeNotFoundError } from './content-types.errors';
import { prefixed, ContentTypeService } from './content-type.service';
import type {
  ContentSchemaApplyResponse,
  ContentSchemaDiffResponse,
  ContentSchemaSnapshotResponse,
} from './dto/content-schema.response';
import { SchemaChangeService } from './schema-change.service';
import { readApplyRequest, readSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION } from './schema-change-request';
import { dependencyOrder } from './type-dependencies';

/** Export, diff and apply a workspace's whole content model (development → staging → production). */
@Injectable()
export class ContentSchemaService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly store: ContentTypeStore,
    private readonly types: ContentTypeService,
    private readonly schemaChanges: SchemaChangeService,
  ) {}

  /** Every type the caller may read, components first (each after those it embeds), then by API id. */
  async export(ctx: RequestContext): Promise<ContentSchemaSnapshotResponse> {
    const rows = await this.db.repository(ctx, ContentType).find({ order: { apiId: 'ASC' } });
    const readable = rows.filter((r) => this.can(ctx, 'read', r.apiId)).map((r) => r.definition);
    return { format: SNAPSHOT_FORMAT, formatVersion: SNAPSHOT_FORMAT_VERSION, types: dependencyOrder(readable) };
  }

  async diff(ctx: RequestContext, body: unknown): Promise<ContentSchemaDiffResponse> {
    const incoming = readSnapshot(body, '');
    const rows = await this.db.repository(ctx, ContentType).find({ order: { apiId: 'ASC' } });
    const definitions = this.validate(rows, incoming, '', true);
    const existing = new Map(rows.map((r) => [r.apiId, r.definition]));
    const wanted = new Set(definitions.map((d) => d.apiId));
    return {
      create: definitions.filter((d) => !existing.has(d.apiId)).map((d) => d.apiId),
      update: definitions
        .filter((d) => existing.has(d.apiId))
        .map((d) => ({ apiId: d.apiId, changes: diffDefinitions(existing.get(d.apiId)!, d) }))
        .filter((u) => u.changes.length > 0),
      delete: rows.filter((r) => !wanted.has(r.apiId) && this.can(ctx, 'read', r.apiId)).map((r) => r.apiId),
    };
  }

  /**
   * Creates and updates every type of the snapshot (and deletes the workspace's others with `deleteMissing`) in one
   * transaction, components first; an update follows the rules of PUT content-types/{apiId}, so one refused change
   * refuses the whole snapshot and nothing is written.
   */
  async apply(ctx: RequestContext, body: unknown): Promise<ContentSchemaApplyResponse> {
    const request = readApplyRequest(body);
    const result = await this.db.transaction(ctx, async (tx) => {
      const rows = await this.store.lockAll(tx);
      const definitions = dependencyOrder(this.validate(rows, request.types, 'snapshot', request.deleteMissing));
      const byApiId = new Map(rows.map((r) => [r.apiId, r]));
      const wanted = new Set(definitions.map((d) => d.apiId));
      const deletions = request.deleteMissing ? rows.filter((r) => !wanted.has(r.apiId)) : [];
      for (const d of definitions) this.assertCanWrite(tx, byApiId.has(d.apiId) ? 'update' : 'create', d.apiId);
      for (const r of deletions) this.assertCanWrite(tx, 'delete', r.apiId);

      const final = new Map<string, ContentTypeDefinition>();
      for (const r of rows) if (!deletions.includes(r)) final.set(r.apiId, r.definition);
      for (const d of definitions) final.set(d.apiId, d);

      const outcome: ContentSchemaApplyResponse = { dryRun: request.dryRun, create: [], update: [], delete: [] };
      for (const definition of definitions) {
        const row = byApiId.get(definition.apiId);
        if (!row) {
          if (!request.dryRun) await this.store.insert(tx, definition);
          outcome.create.push(definition.apiId);
          continue;
        }
        const change = await this.schemaChanges.change(tx, row, definition, { ...request, renames: {} }, final);
        if (change.changes.length === 0) continue;
        outcome.update.push({
          apiId: definition.apiId,
          changes: change.changes,
          wouldMigrate: change.wouldMigrate,
          ...(request.dryRun ? { refusal: change.refusal, report: change.report } : {}),
        });
      }
      // Types that embed or point at others go first, so that nothing still uses a type when it is deleted.
      for (const row of [...dependencyOrder(deletions.map((r) => r.definition))].reverse()) {
        const doomed = byApiId.get(row.apiId)!;
        await this.store.assertUnused(tx, doomed, [...final.values()]);
        if (!request.dryRun) await this.store.delete(tx, doomed);
        outcome.delete.push(row.apiId);
      }
      if (!request.dryRun) {
        await this.events.publish(tx, 'content.schema.applied', {
          created: outcome.create,
          updated: outcome.update.map((u) => u.apiId),
          deleted: outcome.delete,
        });
      }
      return outcome;
    });
    return result;
  }

  /**
   * Validates every definition of a snapshot against the workspace as it will be: its components and relation
   * targets are the snapshot's over the workspace's (without those the snapshot deletes). 400 names each problem
   * (`snapshot.types[2].fields[0].type`).
   */
  private validate(
    rows: ContentType[],
    incoming: unknown[],
    prefix: string,
    deleteMissing: boolean,
  ): ContentTypeDefinition[] {
    const incomingIds = new Set(
      incoming.map((t) => (t as { apiId?: unknown }).apiId).filter((id): id is string => typeof id === 'string'),
    );
    const kept = rows.filter((r) => !deleteMissing || incomingIds.has(r.apiId)).map((r) => r.definition);
    const environment = environmentOf([
      ...kept.filter((d) => !incomingIds.has(d.apiId)),
      ...(incoming as ContentTypeDefinition[]),
    ]);
    const problems: FieldProblem[] = [];
    const definitions: ContentTypeDefinition[] = [];
    incoming.forEach((input, index) => {
      const { definition, problems: own } = validateTypeDefinition(input, environment);
      problems.push(...prefixed(own, prefix ? `${prefix}.types[${index}]` : `types[${index}]`));
      if (definition) definitions.push(definition);
    });
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return definitions;
  }

  private can(ctx: RequestContext, action: string, apiId: string): boolean {
    return ctx.ability.can(action, subject(CONTENT_TYPE_SUBJECT, { apiId }));
  }

  private assertCanWrite(ctx: RequestContext, action: string, apiId: string): void {
    // A type the caller may not even read is refused like PUT refuses it: not found.
    if (action !== 'create' && !this.can(ctx, 'read', apiId)) throw new ContentTypeNotFoundError(apiId);
    this.types.assertCan(ctx, action, apiId);
  }
}
