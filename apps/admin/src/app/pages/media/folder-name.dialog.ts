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
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import { ApiProblem, type ProblemDetails } from '../../api/problem-details';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import type { MediaFolder } from './media-assets';

export interface FolderNameData {
  workspace: string;
  /** Rename this folder; without it, create one under `parentId`. */
  folder?: MediaFolder;
  parentId: string | null;
}

/**
 * Creates or renames a folder. The API's refusals land on the name (a taken name is a 409 whose detail says so),
 * so the dialog makes the call itself and closes with the folder.
 */
@Component({
  selector: 'quire-folder-name-dialog',
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
    MatInput,
    MatError,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <h2 mat-dialog-title>
        @if (data.folder) {
          <ng-container i18n="@@media.folder.renameTitle">Rename folder</ng-container>
        } @else {
          <ng-container i18n="@@media.folder.createTitle">New folder</ng-container>
        }
      </h2>
      <mat-dialog-content>
        @if (problem(); as problem) {
          <p class="problem" role="alert" data-testid="form-error">
            <strong>{{ problem.title }}</strong>
            @if (problem.detail) {
              {{ problem.detail }}
            }
          </p>
        }
        <mat-form-field appearance="outline" class="name">
          <mat-label i18n="@@media.folder.name">Folder name</mat-label>
          <input matInput formControlName="name" required cdkFocusInitial data-testid="folder-name" />
          <mat-error>{{ fieldError(form.controls.name) }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close i18n="@@media.folder.cancel">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="folder-save">
          @if (data.folder) {
            <ng-container i18n="@@media.folder.rename">Rename</ng-container>
          } @else {
            <ng-container i18n="@@media.folder.create">Create</ng-container>
          }
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .name {
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
export class FolderNameDialog {
  protected readonly data = inject<FolderNameData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<FolderNameDialog, MediaFolder>>(MatDialogRef);
  private readonly api = inject(ApiClient);
  protected readonly fieldError = fieldError;
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly form = new FormGroup({
    name: new FormControl(this.data.folder?.name ?? '', { nonNullable: true, validators: [Validators.required] }),
  });

  protected async save(): Promise<void> {
    if (this.form.invalid) return this.form.markAllAsTouched();
    this.busy.set(true);
    this.problem.set(null);
    const name = this.form.controls.name.value.trim();
    try {
      const folder = this.data.folder
        ? await firstValueFrom(
            this.api.patch('/api/v1/workspaces/{workspace}/media-folders/{id}', {
              path: { workspace: this.data.workspace, id: this.data.folder.id },
              body: { name },
              silent: true,
            }),
          )
        : await firstValueFrom(
            this.api.post('/api/v1/workspaces/{workspace}/media-folders', {
              path: { workspace: this.data.workspace },
              body: { name, parentId: this.data.parentId },
              silent: true,
            }),
          );
      this.dialogRef.close(folder);
    } catch (error) {
      const problem = showProblemOnForm(this.form, error);
      // A conflict (name taken) names no field: it is about the name all the same.
      if (error instanceof ApiProblem && problem.status === 409) {
        this.form.controls.name.setErrors({ api: problem.detail ?? problem.title });
      } else {
        this.problem.set(problem);
      }
    } finally {
      this.busy.set(false);
    }
  }
}
