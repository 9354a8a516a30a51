import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  TenantDataSource,
  uuidv7,
  ValidationFailedError,
  type FieldProblem,
  type RequestContext,
  isUuid,
} from '@quire/core';
import {
  collectReferences,
  compileEntryValidator,
  effectiveFields,
  isLocalizedField,
  mergeLocalization,
  setOwn,
  toSlug,
  MAX_SLUG_LENGTH,
  type EntryReference,
  type EntryValidationMode,
  type EntryValidator,
  type FieldDefinition,
} from '../schema';
import type { LoadedContentType } from '../shared/content-type-lookup';
import { MediaAssetCatalog } from '../media-references/media-asset-catalog';
import { brokenMediaReferences } from '../media-references/media-reference-check';
import { isEmptyField } from './draft-data';
import { UniqueViolationError } from './entries.errors';

/** One locale's draft of an entry as it is about to be stored: shared values and this locale's values. */
export interface DraftToStore {
  type: LoadedContentType;
  /** null while the entry is being created. */
  entryId: string | null;
  locale: string;
  shared: Record<string, unknown>;
  localized: Record<string, unknown>;
}

/** A relation id that does not point at a live entry of the field's target type (or a media id no asset backs), and why. */
export interface BrokenRelation {
  fieldPath: string;
  message: string;
}

/** How many numbered variants (`hello-2`, `hello-3`…) a generated slug tries before giving up with a 409. */
const MAX_SLUG_VARIANTS = 50;

/**
 * The checks every draft passes before it is stored, and the references written with it: generated slugs,
 * validation against the type (every failing field at once), relations pointing at live entries of this
 * workspace, media ids naming assets of its library, and unique values (serialised per type and field with a
 * transaction-scoped advisory lock).
 */
@Injectable()
export class DraftWriter {
  constructor(
    private readonly db: TenantDataSource,
    private readonly media: MediaAssetCatalog,
  ) {}

  /** The type's validator in a mode, compiled once per type version and component set. */
  validator(type: LoadedContentType, mode: EntryValidationMode): EntryValidator {
    return compileEntryValidator(type.definition, type.components, mode, validatorCacheKey(type));
  }

  /**
   * Generates empty slugs, then checks the draft (400 listing every problem, 409 on a unique value); `draft.shared`
   * and `draft.localized` receive the generated slugs.
   */
  async prepare(ctx: RequestContext, draft: DraftToStore): Promise<void> {
    const generated = this.generateSlugs(draft);
    const merged = mergeLocalization(draft.shared, draft.localized);
    const problems: FieldProblem[] = [...this.validator(draft.type, 'draft')(merged)];
    const broken = await this.brokenRelations(
      ctx,
      draft.type,
      collectReferences(draft.type.definition, draft.type.components, merged),
    );
    problems.push(...broken.map((b) => ({ path: b.fieldPath, message: b.message })));
    if (problems.length > 0) throw new ValidationFailedError(problems);
    await this.checkUnique(ctx, draft, generated);
  }

  /** For each empty slug field with a source field holding text: the slug of that text. Returns the fields set. */
  private generateSlugs(draft: DraftToStore): Set<string> {
    const merged = mergeLocalization(draft.shared, draft.localized);
    const generated = new Set<string>();
    for (const field of effectiveFields(draft.type.definition)) {
      if (field.type !== 'slug' || !field.sourceField || !isEmptyField(field, merged[field.name])) continue;
      const source = merged[field.sourceField];
      if (typeof source !== 'string') continue;
      const slug = toSlug(source);
      if (slug === '') continue;
      setOwn(isLocalizedField(field) ? draft.localized : draft.shared, field.name, slug);
      generated.add(field.name);
    }
    return generated;
  }

  /**
   * Relations that do not point at an entry of this workspace, of the field's target type, out of the trash; and
   * media ids that are not assets of this workspace's library, or of a type the field does not allow (checked when
   * the media plugin is loaded). An id of another workspace reads exactly like one that does not exist.
   */
  async brokenRelations(
    ctx: RequestContext,
    type: LoadedContentType,
    references: readonly EntryReference[],
  ): Promise<BrokenRelation[]> {
    void type;
    // Malformed ids (a list in a single relation, a number, "x") are the validator's to report, naming the field;
    // cast to uuid here they would fail the whole statement instead. The share lock holds the targets until this
    // save commits: a concurrent trash (which locks its entry FOR UPDATE before reading who links to it) either
    // waits and then sees this link, or commits first and this check sees the entry in the trash.
    const media = await this.brokenMedia(ctx, references);
    const relations = references.filter((r) => r.targetKind === 'entry' && isUuid(r.targetId));
    if (relations.length === 0) return media;
    const ids = [...new Set(relations.map((r) => r.targetId))];
    const rows: Array<{ id: string; api_id: string; trashed: boolean }> = await this.db.manager(ctx).query(
      `SELECT e.id, t.api_id, e.deleted_at IS NOT NULL AS trashed
         FROM content_entries e JOIN content_types t ON t.id = e.content_type_id
        WHERE e.workspace_id = $1 AND e.id = ANY($2::uuid[])
          FOR SHARE OF e`,
      [ctx.workspaceId, ids],
    );
    const found = new Map(rows.map((row) => [row.id, row]));
    const broken: BrokenRelation[] = [];
    for (const relation of relations) {
      const target = found.get(relation.targetId);
      let message: string | null = null;
      if (!target) message = `links to ${relation.targetId}, which is not an entry of this workspace`;
      else if (target.trashed) message = `links to ${relation.targetId}, which is in the trash`;
      else if (target.api_id !== relation.relationTarget) {
        message = `links to ${relation.targetId}, which is not a "${relation.relationTarget}" entry`;
      }
      if (message) broken.push({ fieldPath: relation.fieldPath, message });
    }
    return [...broken, ...media];
  }

  /** Media ids the library does not back; the found assets stay share-locked until the save commits. */
  private async brokenMedia(ctx: RequestContext, references: readonly EntryReference[]): Promise<BrokenRelation[]> {
    if (!this.media.available) return [];
    const ids = references.filter((r) => r.targetKind === 'media').map((r) => r.targetId);
    if (ids.length === 0) return [];
    return brokenMediaReferences(references, await this.media.find(ctx, ids, true));
  }

  /**
   * Unique and slug fields (top level, non-empty): no other entry of the type out of the trash may hold the value,
   * in its draft or its published version, in the same locale (any locale for a shared field). A generated slug
   * takes the first free numbered variant instead of failing.
   */
  async checkUnique(
    ctx: RequestContext,
    draft: DraftToStore,
    generated: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    const fields = effectiveFields(draft.type.definition)
      .filter((f) => f.unique === true || f.type === 'slug')
      .sort((a, b) => (a.name < b.name ? -1 : 1)); // one lock order everywhere: no deadlocks between saves
    const problems: FieldProblem[] = [];
    for (const field of fields) {
      const target = isLocalizedField(field) ? draft.localized : draft.shared;
      const value = target[field.name];
      if (isEmptyField(field, value) || (typeof value === 'object' && value !== null)) continue;
      await this.db
        .manager(ctx)
        .query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
          `content-unique:${draft.type.id}:${field.name}`,
        ]);
      if (!(await this.isTaken(ctx, draft, field, value))) continue;
      if (generated.has(field.name) && typeof value === 'string') {
        const free = await this.freeSlugVariant(ctx, draft, field, value);
        if (free) {
          setOwn(target, field.name, free);
          continue;
        }
      }
      problems.push({ path: field.name, message: 'must be unique: another entry of this type already uses it' });
    }
    if (problems.length > 0) throw new UniqueViolationError(problems);
  }

  private async freeSlugVariant(
    ctx: RequestContext,
    draft: DraftToStore,
    field: FieldDefinition,
    base: string,
  ): Promise<string | null> {
    for (let n = 2; n <= MAX_SLUG_VARIANTS; n++) {
      const suffix = `-${n}`;
      const candidate = `${base.slice(0, MAX_SLUG_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
      if (!(await this.isTaken(ctx, draft, field, candidate))) return candidate;
    }
    return null;
  }

  private async isTaken(
    ctx: RequestContext,
    draft: DraftToStore,
    field: FieldDefinition,
    value: unknown,
  ): Promise<boolean> {
    const probe = JSON.stringify({ [field.name]: value });
    const localized = isLocalizedField(field);
    // jsonb containment (@>) so the GIN indexes on draft_data / shared_data / published_data can answer it.
    const rows: unknown[] = localized
      ? await this.db.manager(ctx).query(
          `SELECT 1 FROM content_entry_locales l JOIN content_entries e ON e.id = l.entry_id
            WHERE l.workspace_id = $1 AND l.content_type_id = $2 AND l.locale = $3 AND e.deleted_at IS NULL
              AND ($4::uuid IS NULL OR l.entry_id <> $4::uuid)
              AND (l.draft_data @> $5::jsonb OR l.published_data @> $5::jsonb)
            LIMIT 1`,
          [ctx.workspaceId, draft.type.id, draft.locale, draft.entryId, probe],
        )
      : await this.db.manager(ctx).query(
          `SELECT 1 FROM content_entries e
            WHERE e.workspace_id = $1 AND e.content_type_id = $2 AND e.deleted_at IS NULL
              AND ($3::uuid IS NULL OR e.id <> $3::uuid)
              AND (e.shared_data @> $4::jsonb OR EXISTS (
                    SELECT 1 FROM content_entry_locales l WHERE l.entry_id = e.id AND l.published_data @> $4::jsonb))
            LIMIT 1`,
          [ctx.workspaceId, draft.type.id, draft.entryId, probe],
        );
    return rows.length > 0;
  }

  /**
   * Rewrites the entry's outgoing links for the given parts of its draft: `''` for the shared values, a locale name
   * for that locale's values. Links of other locales stay.
   */
  async rewriteReferences(
    ctx: RequestContext,
    type: LoadedContentType,
    entryId: string,
    parts: ReadonlyArray<{ locale: string; data: Record<string, unknown> }>,
  ): Promise<void> {
    const manager = this.db.manager(ctx);
    await manager.query(
      `DELETE FROM content_references WHERE source_entry_id = $1 AND workspace_id = $2 AND locale = ANY($3::text[])`,
      [entryId, ctx.workspaceId, parts.map((p) => p.locale)],
    );
    const rows = parts.flatMap((part) =>
      collectReferences(type.definition, type.components, part.data).map((r) => [
        uuidv7(),
        ctx.workspaceId,
        entryId,
        part.locale,
        r.fieldPath,
        r.targetKind,
        r.targetId,
      ]),
    );
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      const values = chunk.map((_, i) => `(${Array.from({ length: 7 }, (__, j) => `$${i * 7 + j + 1}`).join(', ')})`);
      await manager.query(
        `INSERT INTO content_references (id, workspace_id, source_entry_id, locale, field_path, target_kind, target_id)
         VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
        chunk.flat(),
      );
    }
  }
}

/** Changes whenever the type or one of the components it can embed changes. */
export function validatorCacheKey(type: LoadedContentType): string {
  const components = [...type.components.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return `${type.id}@${type.version}:${fingerprint(JSON.stringify(components))}`;
}

/** A short, stable digest of a string for cache keys. */
function fingerprint(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
