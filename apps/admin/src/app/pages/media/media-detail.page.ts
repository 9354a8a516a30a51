import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type BodyOf, type ResponseOf } from '../../api/api-client';
import { toProblemDetails, type ProblemDetails } from '../../api/problem-details';
import { confirm } from '../../shared/confirm.dialog';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { IconComponent } from '../../shared/icon.component';
import { WorkspacesStore } from '../../state/workspaces.store';
import { CENTRE, focalPointAt, movedFocalPoint, sameFocalPoint, type FocalPoint } from './focal-point';
import { downloadUrl, formatBytes, kindIcon, kindLabel, previewUrl, type Asset } from './media-assets';

type UsagePage = ResponseOf<'/api/v1/workspaces/{workspace}/media/{id}/usages', 'get'>;
type AssetChange = BodyOf<'/api/v1/workspaces/{workspace}/media/{id}', 'patch'>;

/**
 * One asset (`/w/<slug>/media/<id>`): its preview, facts, the metadata form (title, alt text, caption, tags, file
 * name, visibility) with the API's errors on their fields, the focal point (click the image, or focus it and use
 * the arrow keys; saved with the form), where it is used, download and delete.
 */
@Component({
  selector: 'quire-media-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    IconComponent,
  ],
  templateUrl: './media-detail.page.html',
  styleUrls: ['./media-common.scss', './media-detail.page.scss'],
})
export class MediaDetailPage {
  /** The asset id (route parameter). */
  readonly id = input.required<string>();

  private readonly api = inject(ApiClient);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  protected readonly store = inject(WorkspacesStore);

  protected readonly fieldError = fieldError;
  protected readonly formatBytes = formatBytes;
  protected readonly kindLabel = kindLabel;
  protected readonly kindIcon = kindIcon;

  protected readonly asset = signal<Asset | null>(null);
  protected readonly loadProblem = signal<ProblemDetails | null>(null);
  protected readonly formProblem = signal<ProblemDetails | null>(null);
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly focal = signal<FocalPoint | null>(null);
  protected readonly usages = signal<UsagePage | null>(null);

  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true }),
    altText: new FormControl('', { nonNullable: true }),
    caption: new FormControl('', { nonNullable: true }),
    tags: new FormControl('', { nonNullable: true }),
    fileName: new FormControl('', { nonNullable: true }),
    visibility: new FormControl<'public' | 'private'>('public', { nonNullable: true }),
  });

  protected readonly slug = computed(() => this.store.current()?.slug ?? null);
  protected readonly canEdit = computed(() => this.store.can('update', 'Asset'));
  protected readonly canDelete = computed(() => this.store.can('delete', 'Asset'));
  protected readonly canSeeUsages = computed(() => this.store.can('read', 'Entry'));
  protected readonly preview = computed(() => {
    const asset = this.asset();
    const slug = this.slug();
    return asset && slug ? previewUrl(slug, asset, 'medium') : null;
  });
  protected readonly download = computed(() => {
    const slug = this.slug();
    return slug ? downloadUrl(slug, this.id()) : null;
  });
  /** Images with a picture take a focal point (variants crop around it). */
  protected readonly focusable = computed(() => this.asset()?.kind === 'image' && !!this.preview());
  protected readonly focalChanged = computed(() => !sameFocalPoint(this.focal(), this.asset()?.focalPoint ?? null));
  protected readonly focalShown = computed(() => this.focal() ?? CENTRE);
  protected readonly backQuery = computed(() => {
    const folderId = this.asset()?.folderId;
    return folderId ? { folder: folderId } : {};
  });

  constructor() {
    effect(() => {
      const slug = this.slug();
      if (slug) void this.load(slug, this.id());
    });
  }

  // Focal point

  protected pickFocal(event: MouseEvent, image: HTMLImageElement): void {
    // A click from the keyboard (Enter or Space on the button) has no position.
    if (!this.canEdit() || event.detail === 0) return;
    this.focal.set(focalPointAt(event, image.getBoundingClientRect()));
    this.saved.set(false);
  }

  protected moveFocal(event: KeyboardEvent): void {
    if (!this.canEdit()) return;
    const next = movedFocalPoint(this.focalShown(), event.key);
    if (!next) return;
    event.preventDefault();
    this.focal.set(next);
    this.saved.set(false);
  }

  protected resetFocal(): void {
    this.focal.set(null);
    this.saved.set(false);
  }

  protected percent(value: number): number {
    return Math.round(value * 100);
  }

  // Saving

  protected async save(): Promise<void> {
    const asset = this.asset();
    const slug = this.slug();
    if (!asset || !slug) return;
    this.saving.set(true);
    this.saved.set(false);
    this.formProblem.set(null);
    try {
      const updated = await firstValueFrom(
        this.api.patch('/api/v1/workspaces/{workspace}/media/{id}', {
          path: { workspace: slug, id: asset.id },
          body: this.changes(asset),
          silent: true,
        }),
      );
      this.show(updated);
      this.saved.set(true);
    } catch (error) {
      this.formProblem.set(showProblemOnForm(this.form, error));
    } finally {
      this.saving.set(false);
    }
  }

  private changes(asset: Asset): AssetChange {
    const value = this.form.getRawValue();
    const text = (s: string) => (s.trim() === '' ? null : s.trim());
    const change: AssetChange = {
      title: text(value.title),
      altText: text(value.altText),
      caption: text(value.caption),
      tags: value.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
      visibility: value.visibility,
    };
    if (value.fileName.trim() !== asset.fileName) change.fileName = value.fileName.trim();
    if (this.focalChanged()) change.focalPoint = this.focal();
    return change;
  }

  protected async remove(): Promise<void> {
    const asset = this.asset();
    const slug = this.slug();
    if (!asset || !slug) return;
    const used = this.usages()?.meta.total ?? 0;
    const ok = await confirm(this.dialog, {
      title: $localize`:@@media.detail.deleteTitle:Delete “${asset.fileName}:name:”?`,
      message:
        used > 0
          ? $localize`:@@media.detail.deleteUsed:Entries using it: ${used}:count:. They lose it, and the file is deleted for good: there is no media trash.`
          : $localize`:@@media.detail.deleteMessage:The file is deleted for good: there is no media trash.`,
      confirm: $localize`:@@media.detail.deleteConfirm:Delete file`,
      destructive: true,
    });
    if (!ok) return;
    try {
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/media/{id}', { path: { workspace: slug, id: asset.id } }),
      );
      await this.router.navigate(['/w', slug, 'media'], { queryParams: this.backQuery() });
    } catch {
      // The error toast carries the API's problem.
    }
  }

  // Loading

  private async load(slug: string, id: string): Promise<void> {
    this.loadProblem.set(null);
    try {
      this.show(
        await firstValueFrom(
          this.api.get('/api/v1/workspaces/{workspace}/media/{id}', { path: { workspace: slug, id }, silent: true }),
        ),
      );
    } catch (error) {
      this.loadProblem.set(toProblemDetails(error));
      return;
    }
    if (!this.canSeeUsages()) return;
    this.api
      .get('/api/v1/workspaces/{workspace}/media/{id}/usages', {
        path: { workspace: slug, id },
        query: { pageSize: 50 },
      })
      .subscribe({ next: (usages) => this.usages.set(usages), error: () => this.usages.set(null) });
  }

  private show(asset: Asset): void {
    this.asset.set(asset);
    this.focal.set(asset.focalPoint ?? null);
    this.form.reset({
      title: asset.title ?? '',
      altText: asset.altText ?? '',
      caption: asset.caption ?? '',
      tags: asset.tags.join(', '),
      fileName: asset.fileName,
      visibility: asset.visibility,
    });
    if (this.canEdit()) this.form.enable();
    else this.form.disable();
  }
}
