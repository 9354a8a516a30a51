import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
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
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import { folderChoices, type FolderChoice } from './folder-paths';

export interface MoveToFolderData {
  workspace: string;
  count: number;
}

/** The root of the library, as a value of the folder select. */
const ROOT = '';

/** Asks where to move the selected assets: any folder by its path, or the root. Closes with `{ folderId }`. */
@Component({
  selector: 'quire-move-to-folder-dialog',
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
  ],
  template: `
    <h2 mat-dialog-title i18n="@@media.move.title">Move to a folder</h2>
    <mat-dialog-content>
      <p i18n="@@media.move.count">Files selected: {{ data.count }}</p>
      @if (choices(); as choices) {
        <mat-form-field appearance="outline" class="target">
          <mat-label i18n="@@media.move.target">Folder</mat-label>
          <select matNativeControl [formControl]="target" data-testid="move-target">
            <option [value]="root" i18n="@@media.move.root">All media (the top level)</option>
            @for (choice of choices; track choice.id) {
              <option [value]="choice.id">{{ choice.label }}</option>
            }
          </select>
        </mat-form-field>
      } @else {
        <p role="status" i18n="@@media.move.loading">Loading folders…</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close i18n="@@media.move.cancel">Cancel</button>
      <button
        mat-flat-button
        type="button"
        [disabled]="!choices()"
        (click)="move()"
        data-testid="move-confirm"
        i18n="@@media.move.confirm"
      >
        Move
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .target {
      width: 100%;
      margin-top: 8px;
    }
  `,
})
export class MoveToFolderDialog {
  protected readonly data = inject<MoveToFolderData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<MoveToFolderDialog, { folderId: string | null }>>(MatDialogRef);
  private readonly api = inject(ApiClient);
  protected readonly root = ROOT;
  protected readonly target = new FormControl(ROOT, { nonNullable: true });
  protected readonly choices = signal<FolderChoice[] | null>(null);

  constructor() {
    void this.load();
  }

  protected move(): void {
    this.dialogRef.close({ folderId: this.target.value === ROOT ? null : this.target.value });
  }

  private async load(): Promise<void> {
    try {
      const folders = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/media-folders', {
          path: { workspace: this.data.workspace },
          query: { pageSize: 200 },
        }),
      );
      this.choices.set(folderChoices(folders.data));
    } catch {
      // The error toast says why; the root stays a choice.
      this.choices.set([]);
    }
  }
}
