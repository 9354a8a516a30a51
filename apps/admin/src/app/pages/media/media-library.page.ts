import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom, type Observable } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { confirm } from '../../shared/confirm.dialog';
import { IconComponent } from '../../shared/icon.component';
import { WorkspacesStore } from '../../state/workspaces.store';
import { FolderNameDialog, type FolderNameData } from './folder-name.dialog';
import { ImportUrlDialog, type ImportedAsset, type ImportUrlData } from './import-url.dialog';
import { ASSET_KINDS, formatBytes, kindLabel, type AssetKind, type AssetPage, type MediaFolder } from './media-assets';
import { MediaThumbnailComponent } from './media-thumbnail.component';
import { MediaUploads } from './media-uploads';
import { MoveToFolderDialog, type MoveToFolderData } from './move-to-folder.dialog';

type Usage = ResponseOf<'/api/v1/workspaces/{workspace}/media/usage', 'get'>;
type View = 'grid' | 'list';

const SEARCH_DELAY_MS = 300;
const VIEW_KEY = 'quire.media.view';

/**
 * The workspace's media library (docs/media/library.md): folders to open, create, rename and delete; the assets of
 * the open folder in a grid or a list, searched, filtered by kind and tag, sorted and paged by the API; uploads by
 * dropping files anywhere on the page or choosing them, with a bar per file and the API's refusal on a refused
 * one; and bulk moves, tags and deletions of a selection. Each asset opens its detail page.
 */
@Component({
  selector: 'quire-media-library-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    MatPaginator,
    IconComponent,
    MediaThumbnailComponent,
  ],
  templateUrl: './media-library.page.html',
  styleUrls: ['./media-common.scss', './media-library.page.scss'],
})
export class MediaLibraryPage {
  /** The open folder (`?folder=<id>`); none is the top level. */
  readonly folder = input<string | undefined>();

  private readonly api = inject(ApiClient);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  protected readonly store = inject(WorkspacesStore);
  protected readonly uploads = inject(MediaUploads);

  protected readonly kinds = ASSET_KINDS;
  protected readonly kindLabel = kindLabel;
  protected readonly formatBytes = formatBytes;

  protected readonly view = signal<View>(readView());
  protected readonly query = signal('');
  protected readonly kind = signal<AssetKind | ''>('');
  protected readonly tag = signal('');
  protected readonly sort = signal('-createdAt');
  protected readonly page = signal(1);
  protected readonly pageSize = signal(24);
  /** Bumped to load again after a change. */
  private readonly reloads = signal(0);

  protected readonly result = signal<AssetPage | null>(null);
  protected readonly loading = signal(true);
  protected readonly folders = signal<MediaFolder[] | null>(null);
  protected readonly openFolder = signal<MediaFolder | null>(null);
  protected readonly usage = signal<Usage | null>(null);
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly dragging = signal(false);
  protected readonly busy = signal(false);
  protected readonly announcement = signal('');
  protected readonly tagToApply = signal('');

  protected readonly slug = computed(() => this.store.current()?.slug ?? null);
  protected readonly folderId = computed(() => this.folder() ?? null);
  protected readonly assets = computed(() => this.result()?.data ?? []);
  protected readonly allSelected = computed(
    () => this.assets().length > 0 && this.assets().every((asset) => this.selected().has(asset.id)),
  );
  protected readonly canUpload = computed(() => !!this.slug() && this.store.can('create', 'Asset'));
  protected readonly canUpdate = computed(() => !!this.slug() && this.store.can('update', 'Asset'));
  protected readonly canDelete = computed(() => !!this.slug() && this.store.can('delete', 'Asset'));
  protected readonly canCreateFolder = computed(() => !!this.slug() && this.store.can('create', 'MediaFolder'));
  protected readonly canUpdateFolder = computed(() => !!this.slug() && this.store.can('update', 'MediaFolder'));
  protected readonly canDeleteFolder = computed(() => !!this.slug() && this.store.can('delete', 'MediaFolder'));
  protected readonly filtered = computed(() => !!this.query() || !!this.kind() || !!this.tag());
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private dragDepth = 0;

  constructor() {
    effect(() => {
      const slug = this.slug();
      if (!slug) return;
      this.reloads();
      void this.loadAssets(slug, this.folderId(), this.query(), this.kind(), this.tag(), this.sort(), this.page());
    });
    effect(() => {
      const slug = this.slug();
      if (!slug) return;
      this.reloads();
      void this.loadFolders(slug, this.folderId());
    });
    // A new folder starts on its first page with nothing selected.
    effect(() => {
      this.folderId();
      this.page.set(1);
      this.selected.set(new Set());
    });
  }

  protected setView(view: View): void {
    this.view.set(view);
    try {
      localStorage.setItem(VIEW_KEY, view);
    } catch {
      // Storage may be off; the choice then lasts for this visit.
    }
  }

  protected search(value: string): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.query.set(value.trim());
      this.page.set(1);
    }, SEARCH_DELAY_MS);
  }

  protected filterKind(kind: string): void {
    this.kind.set(kind as AssetKind | '');
    this.page.set(1);
  }

  protected filterTag(tag: string): void {
    this.tag.set(tag.trim().toLowerCase());
    this.page.set(1);
  }

  protected sortBy(sort: string): void {
    this.sort.set(sort);
    this.page.set(1);
  }

  protected turn(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.page.set(event.pageIndex + 1);
  }

  // Selection

  protected toggle(id: string, on: boolean): void {
    const next = new Set(this.selected());
    if (on) next.add(id);
    else next.delete(id);
    this.selected.set(next);
  }

  protected toggleAll(on: boolean): void {
    this.selected.set(new Set(on ? this.assets().map((asset) => asset.id) : []));
  }

  protected clearSelection(): void {
    this.selected.set(new Set());
  }

  // Uploads

  protected chooseFiles(input: HTMLInputElement): void {
    this.uploadFiles(Array.from(input.files ?? []));
    input.value = '';
  }

  protected dragEnter(event: DragEvent): void {
    if (!this.canUpload() || !hasFiles(event)) return;
    event.preventDefault();
    this.dragDepth++;
    this.dragging.set(true);
  }

  protected dragOver(event: DragEvent): void {
    if (!this.canUpload() || !hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  }

  protected dragLeave(): void {
    this.dragDepth = Math.max(0, this.dragDepth - 1);
    if (this.dragDepth === 0) this.dragging.set(false);
  }

  protected drop(event: DragEvent): void {
    if (!this.canUpload() || !hasFiles(event)) return;
    event.preventDefault();
    this.dragDepth = 0;
    this.dragging.set(false);
    this.uploadFiles(Array.from(event.dataTransfer?.files ?? []));
  }

  protected async importFromUrl(): Promise<void> {
    const slug = this.slug();
    if (!slug) return;
    const ref = this.dialog.open<ImportUrlDialog, ImportUrlData, ImportedAsset>(ImportUrlDialog, {
      data: { workspace: slug, folderId: this.folderId() },
      width: '520px',
      maxWidth: '95vw',
    });
    const asset = await firstValueFrom(ref.afterClosed());
    if (!asset) return;
    this.announce($localize`:@@media.import.done:“${asset.fileName}:name:” imported.`);
    this.reload();
  }

  private uploadFiles(files: File[]): void {
    const slug = this.slug();
    if (!slug || files.length === 0) return;
    this.uploads.upload(slug, files, this.folderId(), () => this.reload());
  }

  // Folders

  protected async createFolder(): Promise<void> {
    const slug = this.slug();
    if (!slug) return;
    const created = await this.folderDialog({ workspace: slug, parentId: this.folderId() });
    if (created) {
      this.announce($localize`:@@media.folder.created:Folder “${created.name}:name:” created.`);
      this.reload();
    }
  }

  protected async renameFolder(folder: MediaFolder): Promise<void> {
    const slug = this.slug();
    if (!slug) return;
    const renamed = await this.folderDialog({ workspace: slug, folder, parentId: folder.parentId });
    if (renamed) this.reload();
  }

  protected async deleteFolder(folder: MediaFolder): Promise<void> {
    const slug = this.slug();
    if (!slug) return;
    const ok = await confirm(this.dialog, {
      title: $localize`:@@media.folder.deleteTitle:Delete the folder “${folder.name}:name:”?`,
      message: $localize`:@@media.folder.deleteMessage:Its subfolders and every file in them are deleted too, for good, and removed from the entries that use them.`,
      confirm: $localize`:@@media.folder.deleteConfirm:Delete folder`,
      destructive: true,
    });
    if (!ok) return;
    try {
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/media-folders/{id}', {
          path: { workspace: slug, id: folder.id },
          query: { recursive: 'true' },
        }),
      );
      this.announce($localize`:@@media.folder.deleted:Folder “${folder.name}:name:” deleted.`);
      await this.router.navigate(['/w', slug, 'media'], {
        queryParams: folder.parentId ? { folder: folder.parentId } : {},
      });
      this.reload();
    } catch {
      // The error toast carries the API's problem.
    }
  }

  private async folderDialog(data: FolderNameData): Promise<MediaFolder | undefined> {
    const ref = this.dialog.open<FolderNameDialog, FolderNameData, MediaFolder>(FolderNameDialog, {
      data,
      width: '440px',
      maxWidth: '95vw',
    });
    return firstValueFrom(ref.afterClosed());
  }

  // Bulk actions

  protected async moveSelected(): Promise<void> {
    const slug = this.slug();
    const ids = [...this.selected()];
    if (!slug || ids.length === 0) return;
    const ref = this.dialog.open<MoveToFolderDialog, MoveToFolderData, { folderId: string | null }>(
      MoveToFolderDialog,
      { data: { workspace: slug, count: ids.length }, width: '480px', maxWidth: '95vw' },
    );
    const choice = await firstValueFrom(ref.afterClosed());
    if (!choice) return;
    await this.bulk(
      this.api.post('/api/v1/workspaces/{workspace}/media/bulk/move', {
        path: { workspace: slug },
        body: { ids, folderId: choice.folderId },
      }),
      $localize`:@@media.bulk.moved:Files moved: ${ids.length}:count:.`,
    );
  }

  protected async tagSelected(mode: 'add' | 'remove'): Promise<void> {
    const slug = this.slug();
    const ids = [...this.selected()];
    const tag = this.tagToApply().trim();
    if (!slug || ids.length === 0 || !tag) return;
    const done = await this.bulk(
      this.api.post('/api/v1/workspaces/{workspace}/media/bulk/tags', {
        path: { workspace: slug },
        body: mode === 'add' ? { ids, add: [tag] } : { ids, remove: [tag] },
      }),
      mode === 'add'
        ? $localize`:@@media.bulk.tagged:Tag “${tag}:tag:” added to the selected files.`
        : $localize`:@@media.bulk.untagged:Tag “${tag}:tag:” removed from the selected files.`,
      false,
    );
    if (done) this.tagToApply.set('');
  }

  protected async deleteSelected(): Promise<void> {
    const slug = this.slug();
    const ids = [...this.selected()];
    if (!slug || ids.length === 0) return;
    const ok = await confirm(this.dialog, {
      title: $localize`:@@media.bulk.deleteTitle:Delete the selected files?`,
      message: $localize`:@@media.bulk.deleteMessage:Files selected: ${ids.length}:count:. They are deleted for good (there is no media trash) and removed from every entry that uses them.`,
      confirm: $localize`:@@media.bulk.deleteConfirm:Delete files`,
      destructive: true,
    });
    if (!ok) return;
    await this.bulk(
      this.api.post('/api/v1/workspaces/{workspace}/media/bulk/delete', {
        path: { workspace: slug },
        body: { ids },
      }),
      $localize`:@@media.bulk.deleted:Files deleted: ${ids.length}:count:.`,
    );
  }

  /** Runs a bulk call (all or nothing on the API's side); the error toast explains a refusal. */
  private async bulk(call: Observable<unknown>, done: string, clearSelection = true): Promise<boolean> {
    this.busy.set(true);
    try {
      await firstValueFrom(call);
      if (clearSelection) this.clearSelection();
      this.announce(done);
      this.reload();
      return true;
    } catch {
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  // Loading

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  private announce(text: string): void {
    this.announcement.set(text);
  }

  private async loadAssets(
    slug: string,
    folderId: string | null,
    q: string,
    kind: AssetKind | '',
    tag: string,
    sort: string,
    page: number,
  ): Promise<void> {
    this.loading.set(true);
    const filter: Record<string, Record<string, string>> = {
      folderId: folderId ? { eq: folderId } : { null: 'true' },
    };
    if (kind) filter['kind'] = { eq: kind };
    if (tag) filter['tags'] = { eq: tag };
    try {
      const result = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/media', {
          path: { workspace: slug },
          query: { q: q || undefined, filter, sort, page, pageSize: this.pageSize() },
        }),
      );
      this.result.set(result);
      // Keep only what is still there after a change.
      const ids = new Set(result.data.map((asset) => asset.id));
      const kept = [...this.selected()].filter((id) => ids.has(id));
      if (kept.length !== this.selected().size) this.selected.set(new Set(kept));
    } catch {
      this.result.set({ data: [], meta: { page: 1, pageSize: this.pageSize(), total: 0, pageCount: 0 } });
    } finally {
      this.loading.set(false);
    }
    this.api.get('/api/v1/workspaces/{workspace}/media/usage', { path: { workspace: slug }, silent: true }).subscribe({
      next: (usage) => this.usage.set(usage),
      error: () => this.usage.set(null),
    });
  }

  private async loadFolders(slug: string, folderId: string | null): Promise<void> {
    try {
      const [open, children] = await Promise.all([
        folderId
          ? firstValueFrom(
              this.api.get('/api/v1/workspaces/{workspace}/media-folders/{id}', {
                path: { workspace: slug, id: folderId },
              }),
            )
          : Promise.resolve(null),
        firstValueFrom(
          this.api.get('/api/v1/workspaces/{workspace}/media-folders', {
            path: { workspace: slug },
            query: {
              filter: { parentId: folderId ? { eq: folderId } : { null: 'true' } },
              sort: 'name',
              pageSize: 200,
            },
          }),
        ),
      ]);
      this.openFolder.set(open);
      this.folders.set(children.data);
    } catch {
      this.openFolder.set(null);
      this.folders.set([]);
    }
  }

  protected selectLabel(fileName: string): string {
    return $localize`:@@media.selectOne:Select ${fileName}:name:`;
  }

  protected uploadLabel(fileName: string): string {
    return $localize`:@@media.upload.progressLabel:Upload of ${fileName}:name:`;
  }
}

function readView(): View {
  try {
    return localStorage.getItem(VIEW_KEY) === 'list' ? 'list' : 'grid';
  } catch {
    return 'grid';
  }
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}
