import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  signal,
  viewChildren,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import { columnsOf, movedIndex } from './grid-keys';
import type { Asset, AssetPage } from './media-assets';
import { MediaThumbnailComponent } from './media-thumbnail.component';

export interface MediaPickerData {
  /** The workspace's slug (or id). */
  workspace: string;
  /** Several assets may be chosen; otherwise one. */
  multiple: boolean;
}

/** What the dialog closes with (undefined when cancelled). */
export interface MediaPick {
  id: string;
  fileName: string;
  mimeType: string;
  altText: string | null;
}

const PAGE_SIZE = 24;
const SEARCH_DELAY_MS = 250;

/**
 * Chooses assets of the workspace's media library, for a media field: a searchable, server-paged grid of
 * thumbnails as a listbox. Arrow keys, Home and End move, Space (or a click) selects, Enter selects and (choosing
 * one) confirms, a double click too. The selection survives paging and searching.
 *
 *   dialog.open(MediaPickerDialog, { data: { workspace, multiple: false }, width: '880px' })
 *     .afterClosed() // MediaPick[] | undefined
 */
@Component({
  selector: 'quire-media-picker-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButton,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatFormField,
    MatLabel,
    MatInput,
    MatPaginator,
    MediaThumbnailComponent,
  ],
  template: `
    <h2 mat-dialog-title>
      @if (data.multiple) {
        <ng-container i18n="@@media.picker.titleMany">Choose media</ng-container>
      } @else {
        <ng-container i18n="@@media.picker.titleOne">Choose a file</ng-container>
      }
    </h2>
    <mat-dialog-content>
      <mat-form-field class="search" subscriptSizing="dynamic">
        <mat-label i18n="@@media.picker.search">Search by name, title, alt text or caption</mat-label>
        <input matInput type="search" data-testid="media-picker-search" (input)="search($any($event.target).value)" />
      </mat-form-field>

      @if (loading() && !result()) {
        <p class="status" role="status" i18n="@@media.picker.loading">Loading media…</p>
      } @else if (result()?.data?.length === 0) {
        <p class="status" data-testid="media-picker-empty" i18n="@@media.picker.empty">No media found.</p>
      } @else {
        <ul
          class="grid"
          role="listbox"
          [attr.aria-multiselectable]="data.multiple"
          aria-label="Media"
          i18n-aria-label="@@media.picker.listLabel"
          data-testid="media-picker-list"
          [attr.aria-busy]="loading()"
        >
          @for (asset of result()?.data ?? []; track asset.id; let i = $index) {
            <li
              #option
              role="option"
              class="option"
              [attr.aria-selected]="isSelected(asset.id)"
              [attr.tabindex]="i === focusIndex() ? 0 : -1"
              [attr.data-asset]="asset.fileName"
              (click)="toggle(asset, i)"
              (dblclick)="chooseOnly(asset)"
              (keydown)="onKey($event, asset, i)"
            >
              <quire-media-thumbnail class="thumb" [workspace]="data.workspace" [asset]="asset" />
              <span class="name">{{ asset.title || asset.fileName }}</span>
            </li>
          }
        </ul>
        <mat-paginator
          [length]="result()?.meta?.total ?? 0"
          [pageIndex]="page() - 1"
          [pageSize]="pageSize"
          [hidePageSize]="true"
          (page)="turn($event)"
          aria-label="Media pages"
          i18n-aria-label="@@media.picker.pages"
        />
      }
      <p class="status" role="status" data-testid="media-picker-count">
        @if (selected().size > 0) {
          <ng-container i18n="@@media.picker.selectedCount">{{ selected().size }} selected</ng-container>
        }
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close i18n="@@media.picker.cancel">Cancel</button>
      <button
        mat-flat-button
        type="button"
        [disabled]="selected().size === 0"
        (click)="confirm()"
        data-testid="media-picker-choose"
        i18n="@@media.picker.choose"
      >
        Choose
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .search {
      width: 100%;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(128px, 1fr));
      gap: 12px;
      margin: 12px 0 0;
      padding: 4px;
      list-style: none;
    }
    .option {
      display: flex;
      flex-direction: column;
      gap: 6px;
      padding: 6px;
      border: 2px solid transparent;
      border-radius: 10px;
      cursor: pointer;
    }
    .option:focus-visible {
      outline: 3px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .option[aria-selected='true'] {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .thumb {
      aspect-ratio: 1;
    }
    .name {
      font-size: 13px;
      overflow-wrap: anywhere;
    }
    .status {
      margin: 12px 0 0;
      min-height: 1.5em;
    }
  `,
})
export class MediaPickerDialog {
  protected readonly data = inject<MediaPickerData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<MediaPickerDialog, MediaPick[]>>(MatDialogRef);
  private readonly api = inject(ApiClient);

  protected readonly pageSize = PAGE_SIZE;
  protected readonly query = signal('');
  protected readonly page = signal(1);
  protected readonly result = signal<AssetPage | null>(null);
  protected readonly loading = signal(true);
  protected readonly focusIndex = signal(0);
  /** Chosen assets by id, in the order chosen. */
  protected readonly selected = signal<ReadonlyMap<string, MediaPick>>(new Map());
  private readonly options = viewChildren<ElementRef<HTMLElement>>('option');
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly isSelected = (id: string) => this.selected().has(id);
  private readonly picks = computed(() => [...this.selected().values()]);

  constructor() {
    effect(() => void this.load(this.query(), this.page()));
  }

  protected search(value: string): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.query.set(value.trim());
      this.page.set(1);
    }, SEARCH_DELAY_MS);
  }

  protected turn(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
  }

  protected toggle(asset: Asset, index: number): void {
    this.focusIndex.set(index);
    const next = new Map(this.data.multiple ? this.selected() : []);
    if (this.selected().has(asset.id)) next.delete(asset.id);
    else next.set(asset.id, pickOf(asset));
    this.selected.set(next);
  }

  protected chooseOnly(asset: Asset): void {
    if (this.data.multiple) return;
    this.dialogRef.close([pickOf(asset)]);
  }

  protected onKey(event: KeyboardEvent, asset: Asset, index: number): void {
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      if (event.key === 'Enter' && !this.data.multiple) return this.chooseOnly(asset);
      return this.toggle(asset, index);
    }
    const items = this.options().map((option) => option.nativeElement);
    const next = movedIndex(event.key, index, items.length, columnsOf(items));
    if (next === null) return;
    event.preventDefault();
    this.focusIndex.set(next);
    items[next]?.focus();
  }

  protected confirm(): void {
    this.dialogRef.close(this.picks());
  }

  private async load(query: string, page: number): Promise<void> {
    this.loading.set(true);
    try {
      const result = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/media', {
          path: { workspace: this.data.workspace },
          query: { q: query || undefined, page, pageSize: PAGE_SIZE },
        }),
      );
      this.result.set(result);
      this.focusIndex.set(0);
    } catch {
      // The error toast says what failed; keep what was shown.
      if (!this.result()) this.result.set({ data: [], meta: { page: 1, pageSize: PAGE_SIZE, total: 0, pageCount: 0 } });
    } finally {
      this.loading.set(false);
    }
  }
}

function pickOf(asset: Asset): MediaPick {
  return { id: asset.id, fileName: asset.fileName, mimeType: asset.mimeType, altText: asset.altText };
}
