import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, ValidationFailedError, type FieldProblem, type RequestContext } from '@quire/core';
import type { EntrySnapshot, FieldChange } from '../entities/content-revision.entity';
import { collectReferences, diffSnapshots } from '../schema';
import { DraftWriter } from './draft-writer';
import type { EntryResponse } from './dto/entry.response';
import type {
  RevisionComparisonResponse,
  RevisionListResponse,
  RevisionResponse,
  RevisionSummary,
} from './dto/revision.response';
import { RestoreConflictError, RevisionNotFoundError } from './entries.errors';
import { EntryAccess } from './entry-access';
import { EntryReader, iso } from './entry-reader';
import { EntryStore } from './entry-store';
import { LocaleChain } from './locale-chain';
import { RevisionRecorder } from './revision-recorder';

interface RevisionRow {
  number: number;
  kind: string;
  locale: string | null;
  restored_from: number | null;
  actor_type: string;
  actor_id: string | null;
  created_at: Date;
  diff: FieldChange[];
  snapshot?: EntrySnapshot;
}

const SUMMARY_COLUMNS = 'number, kind, locale, restored_from, actor_type, actor_id, created_at, diff';

/** An entry's history: list, read and compare revisions, and restore one as the current draft. */
@Injectable()
export class RevisionService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly access: EntryAccess,
    private readonly store: EntryStore,
    private readonly drafts: DraftWriter,
    private readonly recorder: RevisionRecorder,
    private readonly locales: LocaleChain,
    private readonly reader: EntryReader,
  ) {}

  async list(ctx: RequestContext, id: string, page: number, pageSize: number): Promise<RevisionListResponse> {
    await this.access.entry(ctx, id, 'read');
    const manager = this.db.manager(ctx);
    const rows: RevisionRow[] = await manager.query(
      `SELECT ${SUMMARY_COLUMNS} FROM content_revisions WHERE entry_id = $1 AND workspace_id = $2
        ORDER BY number DESC LIMIT $3 OFFSET $4`,
      [id, ctx.workspaceId, pageSize, (page - 1) * pageSize],
    );
    const [{ total }]: Array<{ total: number }> = await manager.query(
      `SELECT count(*)::int AS total FROM content_revisions WHERE entry_id = $1 AND workspace_id = $2`,
      [id, ctx.workspaceId],
    );
    return { data: rows.map(toSummary), meta: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
  }

  async get(ctx: RequestContext, id: string, number: number): Promise<RevisionResponse> {
    await this.access.entry(ctx, id, 'read');
    const row = await this.revision(ctx, id, number);
    return { ...toSummary(row), snapshot: row.snapshot as EntrySnapshot };
  }

  /**
   * The field-level changes that lead from revision `from` to revision `to` (either order). `to` defaults to the
   * latest revision, `from` to the one before `to` (the empty state before the first).
   */
  async compare(ctx: RequestContext, id: string, from?: number, to?: number): Promise<RevisionComparisonResponse> {
    const { entry } = await this.access.entry(ctx, id, 'read');
    const target = to ?? entry.revision;
    const origin = from ?? target - 1;
    const after = (await this.revision(ctx, id, target)).snapshot as EntrySnapshot;
    const before =
      origin === 0 && from === undefined
        ? { shared: {}, locales: {} }
        : ((await this.revision(ctx, id, origin)).snapshot as EntrySnapshot);
    return { from: origin, to: target, changes: diffSnapshots(before, after) };
  }

  /**
   * Writes a revision's snapshot back as the draft: shared values and each locale's draft it holds (locales added
   * since stay as they are), relations and media references included. Re-checked like a save, except that links to
   * entries trashed or deleted since make it a 409 listing them. Published versions are not touched.
   */
  async restore(ctx: RequestContext, id: string, number: number): Promise<EntryResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const { type } = await this.access.entry(tx, id, 'restore', true);
      const snapshot = (await this.revision(tx, id, number)).snapshot as EntrySnapshot;
      const enabled = await this.locales.enabledLocales(tx);
      const shared = { ...(snapshot.shared ?? {}) };
      const restoredLocales = Object.entries(snapshot.locales ?? {}).filter(([locale]) =>
        enabled.enabled.includes(locale),
      );
      const current = new Set((await this.store.locales(tx, id)).map((r) => r.locale));

      const invalid: FieldProblem[] = [];
      const broken: FieldProblem[] = [];
      const sharedProblems = this.drafts.validator(type, 'draft')(shared, { only: 'shared' });
      invalid.push(...sharedProblems.map((p) => ({ path: prefixed('shared', p.path), message: p.message })));
      for (const [locale, data] of restoredLocales) {
        const problems = this.drafts.validator(type, 'draft')(data, { only: 'localized' });
        invalid.push(...problems.map((p) => ({ path: prefixed(`locales.${locale}`, p.path), message: p.message })));
      }
      if (invalid.length > 0) throw new ValidationFailedError(invalid, `Revision ${number} no longer fits the type.`);
      const parts: Array<{ prefix: string; data: Record<string, unknown> }> = [
        { prefix: 'shared', data: shared },
        ...restoredLocales.map(([locale, data]) => ({ prefix: `locales.${locale}`, data })),
      ];
      for (const part of parts) {
        const references = collectReferences(type.definition, type.components, part.data);
        const problems = await this.drafts.brokenRelations(tx, type, references);
        broken.push(...problems.map((p) => ({ path: prefixed(part.prefix, p.fieldPath), message: p.message })));
      }
      if (broken.length > 0) throw new RestoreConflictError(number, broken);
      for (const [locale, localized] of restoredLocales) {
        await this.drafts.checkUnique(tx, { type, entryId: id, locale, shared, localized });
      }

      await this.store.saveShared(tx, id, shared);
      for (const [locale, localized] of restoredLocales) {
        if (current.has(locale)) await this.store.saveDraft(tx, id, locale, localized);
        else await this.store.insertLocale(tx, { entryId: id, contentTypeId: type.id, locale, draftData: localized });
      }
      await this.store.touch(tx, id);
      await this.drafts.rewriteReferences(tx, type, id, [
        { locale: '', data: shared },
        ...restoredLocales.map(([locale, data]) => ({ locale, data })),
      ]);
      const revision = await this.recorder.record(tx, id, 'restore', null, number);
      await this.events.publish(tx, 'content.entry.revision-restored', {
        entryId: id,
        contentType: type.apiId,
        restoredFrom: number,
        revision: revision.number,
      });
      const entry = (await this.store.entry(tx, id))!;
      return this.reader.view(tx, { entry, type }, {});
    });
  }

  private async revision(ctx: RequestContext, id: string, number: number): Promise<RevisionRow> {
    const rows: RevisionRow[] = await this.db
      .manager(ctx)
      .query(
        `SELECT ${SUMMARY_COLUMNS}, snapshot FROM content_revisions WHERE entry_id = $1 AND workspace_id = $2 AND number = $3`,
        [id, ctx.workspaceId, number],
      );
    if (!rows[0]) throw new RevisionNotFoundError(id, number);
    return rows[0];
  }
}

function prefixed(prefix: string, path: string): string {
  return path === '' ? prefix : `${prefix}.${path}`;
}

function toSummary(row: RevisionRow): RevisionSummary {
  return {
    number: row.number,
    kind: row.kind,
    locale: row.locale,
    restoredFrom: row.restored_from,
    actor: { type: row.actor_type, id: row.actor_id },
    createdAt: iso(row.created_at) as string,
    diff: row.diff ?? [],
  };
}
