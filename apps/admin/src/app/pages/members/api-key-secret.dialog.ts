import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';

export interface ApiKeySecretData {
  name: string;
  secret: string;
  /** What the owner of another kind of secret (a webhook's) must know; default: the API key's hash warning. */
  warning?: string;
}

/**
 * Shows a new secret (an API key's, a webhook's signing secret), the only time the console ever has it: the API
 * never answers it again, and the page drops the value when this dialog closes.
 */
@Component({
  selector: 'quire-api-key-secret-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose],
  template: `
    <h2 mat-dialog-title i18n="@@apiKeys.secretTitle">Copy the secret of “{{ data.name }}”</h2>
    <mat-dialog-content>
      @if (data.warning) {
        <p role="alert" class="warning">{{ data.warning }}</p>
      } @else {
        <p role="alert" class="warning" i18n="@@apiKeys.secretWarning">
          This is the only time the secret is shown. Store it somewhere safe now: Quire keeps only a hash of it.
        </p>
      }
      <label for="api-key-secret" i18n="@@apiKeys.secretLabel">Secret</label>
      <input id="api-key-secret" class="secret" readonly [value]="data.secret" data-testid="api-key-secret" />
      @if (copied()) {
        <p role="status" data-testid="api-key-copied" i18n="@@apiKeys.copied">Copied.</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="copy()" data-testid="api-key-copy" i18n="@@apiKeys.copy">Copy</button>
      <button mat-flat-button type="button" mat-dialog-close data-testid="api-key-done" i18n="@@apiKeys.done">
        I have stored it
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .warning {
      padding: 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .secret {
      display: block;
      width: 100%;
      box-sizing: border-box;
      margin-top: 4px;
      padding: 8px;
      font-family: monospace;
    }
  `,
})
export class ApiKeySecretDialog {
  protected readonly data = inject<ApiKeySecretData>(MAT_DIALOG_DATA);
  protected readonly copied = signal(false);

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.data.secret);
      this.copied.set(true);
    } catch {
      // No clipboard permission: the field is selectable.
      (document.getElementById('api-key-secret') as HTMLInputElement | null)?.select();
    }
  }
}
