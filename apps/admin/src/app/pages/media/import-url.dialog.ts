import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import type { ProblemDetails } from '../../api/problem-details';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';

export interface ImportUrlData {
  workspace: string;
  /** The open folder, where the file lands; null: the top level. */
  folderId: string | null;
}

export type ImportedAsset = ResponseOf<'/api/v1/workspaces/{workspace}/media/import', 'post'>;

/**
 * Imports a file from a URL (`POST /media/import`): the API fetches it with the checks of an upload. A refused
 * address lands on the URL field; the rest (the remote failed, too slow, too large, a refused type) above it.
 */
@Component({
  selector: 'quire-import-url-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatFormField,
    MatLabel,
    MatHint,
    MatInput,
    MatError,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="import()" novalidate>
      <h2 mat-dialog-title i18n="@@media.import.title">Import from a URL</h2>
      <mat-dialog-content>
        @if (problem(); as problem) {
          <p class="problem" role="alert" data-testid="form-error">
            <strong>{{ problem.title }}</strong>
            @if (problem.detail) {
              {{ problem.detail }}
            }
          </p>
        }
        <mat-form-field appearance="outline" class="wide">
          <mat-label i18n="@@media.import.url">URL of the file</mat-label>
          <input matInput type="url" formControlName="url" required data-testid="import-url" />
          <mat-hint i18n="@@media.import.urlHint">A public http or https address</mat-hint>
          <mat-error>{{ fieldError(form.controls.url) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" class="wide">
          <mat-label i18n="@@media.import.fileName">File name (optional)</mat-label>
          <input matInput formControlName="fileName" data-testid="import-file-name" />
          <mat-error>{{ fieldError(form.controls.fileName) }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close i18n="@@media.import.cancel">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="import-submit">
          @if (busy()) {
            <ng-container i18n="@@media.import.busy">Importing…</ng-container>
          } @else {
            <ng-container i18n="@@media.import.submit">Import</ng-container>
          }
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .wide {
      width: 100%;
      margin-top: 8px;
    }
    .problem {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class ImportUrlDialog {
  protected readonly data = inject<ImportUrlData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ImportUrlDialog, ImportedAsset>>(MatDialogRef);
  private readonly api = inject(ApiClient);
  protected readonly fieldError = fieldError;
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly form = new FormGroup({
    url: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    fileName: new FormControl('', { nonNullable: true }),
  });

  protected async import(): Promise<void> {
    if (this.form.invalid) return this.form.markAllAsTouched();
    this.busy.set(true);
    this.problem.set(null);
    const { url, fileName } = this.form.getRawValue();
    try {
      const asset = await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/media/import', {
          path: { workspace: this.data.workspace },
          body: {
            url: url.trim(),
            fileName: fileName.trim() || undefined,
            folderId: this.data.folderId ?? undefined,
          },
          silent: true,
        }),
      );
      this.dialogRef.close(asset);
    } catch (error) {
      const problem = showProblemOnForm(this.form, error);
      // A problem that names no field of this form is shown above it.
      if (!problem.errors?.some((e) => e.path === 'url' || e.path === 'fileName')) this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
