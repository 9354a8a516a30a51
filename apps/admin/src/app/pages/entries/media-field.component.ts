import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { FormControl } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import type { MediaPick, MediaPickerData } from '../media/media-picker.dialog';
import type { FieldDef } from './entry-model';

/**
 * A media field: the chosen assets by file name, each removable, and "Choose media", which opens the media
 * library's picker (loaded on first use). A single media field holds one asset; choosing replaces it.
 */
@Component({
  selector: 'quire-media-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton],
  template: `
    <div class="media" role="group" [attr.aria-labelledby]="labelledBy()" [attr.aria-describedby]="describedBy()">
      @for (id of selected(); track id) {
        <span class="asset" [attr.data-asset]="id">
          {{ names()[id] ?? id }}
          <button
            type="button"
            class="remove"
            [disabled]="disabled()"
            [attr.aria-label]="removeLabel(id)"
            (click)="remove(id)"
          >
            ×
          </button>
        </span>
      } @empty {
        <span class="note" i18n="@@entries.media.none">No media chosen</span>
      }
      <button mat-stroked-button type="button" [disabled]="disabled()" (click)="choose()" data-testid="media-choose">
        <ng-container i18n="@@entries.media.choose">Choose media</ng-container>
      </button>
    </div>
  `,
  styles: `
    .media {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .asset {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 4px 4px 4px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
    }
    .remove {
      border: none;
      background: transparent;
      color: inherit;
      font-size: 18px;
      cursor: pointer;
    }
    .note {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class MediaFieldComponent implements OnInit {
  readonly control = input.required<FormControl<unknown>>();
  readonly field = input.required<FieldDef>();
  readonly workspace = input.required<string>();
  readonly labelledBy = input.required<string>();
  readonly describedBy = input<string | null>(null);
  readonly disabled = input(false);

  private readonly api = inject(ApiClient);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  private readonly value = signal<unknown>(null);
  protected readonly names = signal<Record<string, string>>({});
  protected readonly selected = computed(() => {
    const value = this.value();
    if (Array.isArray(value)) return value as string[];
    return typeof value === 'string' ? [value] : [];
  });

  ngOnInit(): void {
    this.value.set(this.control().value);
    this.control()
      .valueChanges.pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((value) => this.value.set(value));
    for (const id of this.selected()) void this.loadName(id);
  }

  protected removeLabel(id: string): string {
    return $localize`:@@entries.media.remove:Remove ${this.names()[id] ?? id}:name:`;
  }

  protected async choose(): Promise<void> {
    const { MediaPickerDialog } = await import('../media/media-picker.dialog');
    const multiple = !!this.field().multiple;
    const ref = this.dialog.open<unknown, MediaPickerData, MediaPick[]>(MediaPickerDialog, {
      data: { workspace: this.workspace(), multiple },
      width: '880px',
      maxWidth: '95vw',
    });
    const picked = await firstValueFrom(ref.afterClosed());
    if (!picked || picked.length === 0) return;
    this.names.update((names) => ({ ...names, ...Object.fromEntries(picked.map((p) => [p.id, p.fileName])) }));
    const ids = picked.map((p) => p.id);
    this.setValue(multiple ? [...new Set([...this.selected(), ...ids])] : ids[0]);
  }

  protected remove(id: string): void {
    this.setValue(this.field().multiple ? this.selected().filter((s) => s !== id) : null);
  }

  private setValue(value: unknown): void {
    this.control().setValue(value);
    this.control().markAsDirty();
  }

  private async loadName(id: string): Promise<void> {
    const asset = await firstValueFrom(
      this.api.get('/api/v1/workspaces/{workspace}/media/{id}', {
        path: { workspace: this.workspace(), id },
        silent: true,
      }),
    ).catch(() => null);
    if (asset) this.names.update((names) => ({ ...names, [id]: asset.fileName }));
  }
}
