import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { confirm } from '../../shared/confirm.dialog';
import { WorkspacesStore } from '../../state/workspaces.store';
import { MemberNames } from './member-names';

type TrashList = ResponseOf<'/api/v1/workspaces/{workspace}/trash', 'get'>;
type TrashItem = TrashList['data'][number];

const PAGE_SIZE = 20;
const DAY = 24 * 60 * 60 * 1000;

/**
 * The workspace's trash (`trash`): entries moved there, newest first, with who trashed them and how long until
 * the purge erases them; restore one (it is live and delivered again), or delete it for good after a confirmation.
 */
@Component({
  selector: 'quire-trash-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, MatButton],
  templateUrl: './trash.page.html',
  styleUrl: './publishing.scss',
})
export class TrashPage {
  private readonly api = inject(ApiClient);
  private readonly store = inject(WorkspacesStore);
  private readonly members = inject(MemberNames);
  private readonly dialog = inject(MatDialog);

  protected readonly slug = computed(() => this.store.currentSlugValue() ?? '');
  protected readonly trash = signal<TrashList | null>(null);
  protected readonly page = signal(1);
  protected readonly busy = signal<string | null>(null);
  /** The last entry restored, linked to its editor. */
  protected readonly restored = signal<TrashItem | null>(null);
  protected readonly deleted = signal<TrashItem | null>(null);
  protected readonly names = signal(new Map<string, string>());
  protected readonly canRestore = computed(() => this.store.can('restore', 'Entry'));
  protected readonly canDelete = computed(() => this.store.can('delete', 'Entry'));
  protected readonly userName = (id: string | null) => MemberNames.userName(this.names(), id);

  constructor() {
    effect(() => {
      const slug = this.slug();
      if (!slug) return;
      void this.members.load(slug).then((names) => this.names.set(names));
      void this.load(1);
    });
  }

  protected async load(page: number): Promise<void> {
    try {
      const trash = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/trash', {
          path: { workspace: this.slug() },
          query: { page, pageSize: PAGE_SIZE, sort: '-deletedAt' },
        }),
      );
      // A page emptied by the last restore or deletion: show the one before.
      if (trash.data.length === 0 && page > 1) return this.load(page - 1);
      this.page.set(page);
      this.trash.set(trash);
    } catch {
      this.trash.set({ data: [], meta: { page, pageCount: 0, pageSize: PAGE_SIZE, total: 0 } });
    }
  }

  /** Whole days until the purge, never below zero (the daily purge may not have run yet). */
  protected daysLeft(item: TrashItem): number {
    return Math.max(0, Math.ceil((new Date(item.purgeAt).getTime() - Date.now()) / DAY));
  }

  protected async restore(item: TrashItem): Promise<void> {
    if (this.busy()) return;
    this.busy.set(item.id);
    this.deleted.set(null);
    try {
      await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/trash/{id}/restore', {
          path: { workspace: this.slug(), id: item.id },
        }),
      );
      this.restored.set(item);
      await this.load(this.page());
    } catch {
      // The error toast says why (content.trash-restore-conflict names the value taken meanwhile).
    } finally {
      this.busy.set(null);
    }
  }

  protected async deleteForGood(item: TrashItem): Promise<void> {
    if (this.busy()) return;
    const title = item.title ?? $localize`:@@publishing.trash.untitled:Untitled`;
    const confirmed = await confirm(this.dialog, {
      title: $localize`:@@publishing.trash.deleteTitle:Delete “${title}:title:” for good?`,
      message: $localize`:@@publishing.trash.deleteMessage:The entry, its translations and its revisions are erased. This cannot be undone.`,
      confirm: $localize`:@@publishing.trash.deleteConfirm:Delete for good`,
      destructive: true,
    });
    if (!confirmed) return;
    this.busy.set(item.id);
    this.restored.set(null);
    try {
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/trash/{id}', {
          path: { workspace: this.slug(), id: item.id },
        }),
      );
      this.deleted.set(item);
      await this.load(this.page());
    } catch {
      // Shown as an error toast.
    } finally {
      this.busy.set(null);
    }
  }
}
