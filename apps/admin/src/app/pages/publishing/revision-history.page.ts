import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { confirm } from '../../shared/confirm.dialog';
import { WorkspacesStore } from '../../state/workspaces.store';
import { EntryTitles } from './entry-titles';
import { MemberNames } from './member-names';
import { diffRows, type DiffRow, type Snapshot } from './revision-diff';
import { fieldLabel, revisionKindLabel } from './revision-labels';

type RevisionPage = ResponseOf<'/api/v1/workspaces/{workspace}/entries/{id}/revisions', 'get'>;
type Revision = RevisionPage['data'][number];

interface Comparison {
  from: number | null;
  to: number;
  rows: DiffRow[];
}

const PAGE_SIZE = 20;

/**
 * An entry's revisions (`content/:type/:entryId/history`): who changed what and when, a side-by-side view of any
 * two revisions (by default the latest and the one before) with the changed fields marked, and restoring an older
 * revision as the draft, which the API records as a new revision.
 */
@Component({
  selector: 'quire-revision-history-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, MatButton],
  templateUrl: './revision-history.page.html',
  styleUrl: './publishing.scss',
  providers: [EntryTitles],
})
export class RevisionHistoryPage {
  readonly type = input.required<string>();
  readonly entryId = input.required<string>();

  private readonly api = inject(ApiClient);
  private readonly store = inject(WorkspacesStore);
  private readonly titles = inject(EntryTitles);
  private readonly members = inject(MemberNames);
  private readonly dialog = inject(MatDialog);

  protected readonly slug = computed(() => this.store.currentSlugValue() ?? '');
  protected readonly title = signal<string | null>(null);
  protected readonly revisions = signal<RevisionPage | null>(null);
  protected readonly page = signal(1);
  protected readonly from = signal<number | null>(null);
  protected readonly to = signal<number | null>(null);
  protected readonly comparison = signal<Comparison | null>(null);
  protected readonly comparing = signal(false);
  protected readonly restored = signal<{ from: number; to: number } | null>(null);
  protected readonly busy = signal(false);
  protected readonly names = signal(new Map<string, string>());
  protected readonly canRestore = computed(() => this.store.can('restore', 'Entry'));
  /** The newest revision: restoring it would change nothing. */
  protected readonly latest = signal<number | null>(null);
  protected readonly changedCount = computed(() => this.comparison()?.rows.filter((row) => row.changed).length ?? 0);

  protected readonly kindLabel = revisionKindLabel;
  protected readonly fieldLabel = fieldLabel;
  protected readonly actorName = (revision: Revision) => MemberNames.actorName(this.names(), revision.actor);

  constructor() {
    effect(() => {
      const slug = this.slug();
      const entryId = this.entryId();
      if (!slug) return;
      void this.loadTitle(slug, entryId);
      void this.members.load(slug).then((names) => this.names.set(names));
      void this.loadRevisions(1, true);
    });
    effect(() => {
      const to = this.to();
      const from = this.from();
      if (to !== null) void this.compare(from, to);
    });
  }

  private async loadTitle(slug: string, entryId: string): Promise<void> {
    try {
      const entry = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/entries/{id}', { path: { workspace: slug, id: entryId } }),
      );
      this.title.set(await this.titles.titleOf(slug, entry.contentType, entry.data));
    } catch {
      this.title.set(null);
    }
  }

  /** A page of revisions; `selectLatest` compares the newest with the one before (first visit, after a restore). */
  protected async loadRevisions(page: number, selectLatest = false): Promise<void> {
    const slug = this.slug();
    try {
      const revisions = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/entries/{id}/revisions', {
          path: { workspace: slug, id: this.entryId() },
          query: { page, pageSize: PAGE_SIZE },
        }),
      );
      this.page.set(page);
      this.revisions.set(revisions);
      if (page === 1) this.latest.set(revisions.data[0]?.number ?? null);
      if (selectLatest && revisions.data.length > 0) {
        this.to.set(revisions.data[0].number);
        this.from.set(revisions.data[1]?.number ?? null);
      }
    } catch {
      this.revisions.set({ data: [], meta: { page, pageCount: 0, pageSize: PAGE_SIZE, total: 0 } });
    }
  }

  protected choose(which: 'from' | 'to', number: number): void {
    (which === 'from' ? this.from : this.to).set(number);
  }

  /** The two revisions' snapshots and the compare route's changes, older on the left. */
  private async compare(a: number | null, b: number): Promise<void> {
    const slug = this.slug();
    const entryId = this.entryId();
    const older = a === null ? null : Math.min(a, b);
    const newer = a === null ? b : Math.max(a, b);
    this.comparing.set(true);
    try {
      const revision = (number: number) =>
        firstValueFrom(
          this.api.get('/api/v1/workspaces/{workspace}/entries/{id}/revisions/{number}', {
            path: { workspace: slug, id: entryId, number },
          }),
        );
      const [before, after, comparison, fields] = await Promise.all([
        older === null ? Promise.resolve(null) : revision(older),
        revision(newer),
        older === null
          ? Promise.resolve(null)
          : firstValueFrom(
              this.api.get('/api/v1/workspaces/{workspace}/entries/{id}/revisions/compare', {
                path: { workspace: slug, id: entryId },
                query: { from: older, to: newer },
              }),
            ),
        this.titles.fieldsOf(slug, this.type()),
      ]);
      // Without an older revision everything the first one holds is new.
      const changes = comparison?.changes ?? after.diff;
      // Still the pair asked for (the member may have chosen again meanwhile).
      if (this.to() !== b || this.from() !== a) return;
      this.comparison.set({
        from: older,
        to: newer,
        rows: diffRows(
          (before?.snapshot as Snapshot | undefined) ?? null,
          after.snapshot as Snapshot,
          changes,
          fields.map((field) => field.name),
        ),
      });
    } catch {
      this.comparison.set(null);
    } finally {
      this.comparing.set(false);
    }
  }

  protected async restore(revision: Revision): Promise<void> {
    if (this.busy()) return;
    const confirmed = await confirm(this.dialog, {
      title: $localize`:@@publishing.history.restoreTitle:Restore revision ${revision.number}:number:?`,
      message: $localize`:@@publishing.history.restoreMessage:Its content becomes the draft again, as a new revision. Nothing is lost: the current draft stays in the history. Published versions change only when you publish again.`,
      confirm: $localize`:@@publishing.history.restoreConfirm:Restore`,
    });
    if (!confirmed) return;
    this.busy.set(true);
    this.restored.set(null);
    try {
      const entry = await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/entries/{id}/revisions/{number}/restore', {
          path: { workspace: this.slug(), id: this.entryId(), number: revision.number },
        }),
      );
      this.restored.set({ from: revision.number, to: entry.revision });
      void this.loadTitle(this.slug(), this.entryId());
      await this.loadRevisions(1, true);
    } catch {
      // The error toast says why (a link to an entry trashed since: content.restore-conflict).
    } finally {
      this.busy.set(false);
    }
  }

  protected compareFromLabel(number: number): string {
    return $localize`:@@publishing.history.compareFromLabel:Compare from revision ${number}:number:`;
  }

  protected compareToLabel(number: number): string {
    return $localize`:@@publishing.history.compareToLabel:Compare to revision ${number}:number:`;
  }

  /** A short account of what a revision changed: its first fields, then how many more. */
  protected changedFields(revision: Revision): string {
    const names = [...new Set(revision.diff.map((change) => fieldLabel(change.path, change.locale)))];
    if (names.length <= 3) return names.join(', ');
    return $localize`:@@publishing.history.moreFields:${names.slice(0, 3).join(', ')}:fields: and ${names.length - 3}:count: more`;
  }
}
