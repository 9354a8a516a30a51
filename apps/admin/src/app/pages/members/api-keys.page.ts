import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import type { ProblemDetails } from '../../api/problem-details';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { WorkspacesStore } from '../../state/workspaces.store';
import { shortDate, type ApiKey } from './access-data';
import { AccessTabsComponent } from './access-tabs.component';
import { ApiKeySecretDialog, type ApiKeySecretData } from './api-key-secret.dialog';

/**
 * A workspace's API keys: list (prefix, scopes, status), create (the secret shown once in a dialog) and revoke.
 */
@Component({
  selector: 'quire-api-keys-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput, MatError, MatHint, AccessTabsComponent],
  template: `
    <div class="page">
      <h1 i18n="@@apiKeys.heading">API keys</h1>
      <quire-access-tabs />

      @if (canCreate()) {
        <h2 i18n="@@apiKeys.createHeading">Create a key</h2>
        @if (problem(); as problem) {
          <div class="form-error" role="alert" data-testid="form-error">
            <strong>{{ problem.title }}</strong>
            @if (problem.detail) {
              <div>{{ problem.detail }}</div>
            }
          </div>
        }
        <form class="stacked" [formGroup]="form" (ngSubmit)="create()" novalidate data-testid="api-key-form">
          <mat-form-field appearance="outline">
            <mat-label i18n="@@apiKeys.name">Name</mat-label>
            <input matInput formControlName="name" required />
            <mat-error>{{ fieldError(form.controls.name) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label i18n="@@apiKeys.kind">Kind</mat-label>
            <select matNativeControl formControlName="kind" required>
              <option value="delivery" i18n="@@apiKeys.kindDelivery">Delivery (read only)</option>
              <option value="management" i18n="@@apiKeys.kindManagement">Management</option>
            </select>
            <mat-error>{{ fieldError(form.controls.kind) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label i18n="@@apiKeys.scopes">Scopes</mat-label>
            <input matInput formControlName="scopes" required />
            <mat-hint i18n="@@apiKeys.scopesHint"
              >action:Subject, separated by commas, e.g. read:Entry, read:Media</mat-hint
            >
            <mat-error>{{ fieldError(form.controls.scopes) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label i18n="@@apiKeys.expires">Expires on</mat-label>
            <input matInput type="date" formControlName="expiresAt" />
            <mat-hint i18n="@@apiKeys.expiresHint">Empty: never</mat-hint>
            <mat-error>{{ fieldError(form.controls.expiresAt) }}</mat-error>
          </mat-form-field>
          <div class="actions">
            <button
              mat-flat-button
              type="submit"
              [disabled]="busy()"
              data-testid="api-key-create"
              i18n="@@apiKeys.create"
            >
              Create key
            </button>
          </div>
        </form>
      }

      <h2 i18n="@@apiKeys.listHeading">Keys</h2>
      @if (keys() === null) {
        <p role="status" class="note" i18n="@@common.loading">Loading…</p>
        <div class="skeleton" aria-hidden="true"></div>
      } @else if (keys()!.length === 0) {
        <p class="empty" data-testid="api-keys-empty" i18n="@@apiKeys.empty">No API keys yet.</p>
      } @else {
        <div class="table-wrap">
          <table data-testid="api-keys-table">
            <thead>
              <tr>
                <th scope="col" i18n="@@apiKeys.col.name">Name</th>
                <th scope="col" i18n="@@apiKeys.col.prefix">Prefix</th>
                <th scope="col" i18n="@@apiKeys.col.scopes">Scopes</th>
                <th scope="col" i18n="@@apiKeys.col.status">Status</th>
                <th scope="col" i18n="@@apiKeys.col.expires">Expires</th>
                <th scope="col"><span class="cdk-visually-hidden" i18n="@@access.actions">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (key of keys(); track key.id) {
                <tr [attr.data-api-key]="key.name">
                  <td>{{ key.name }}</td>
                  <td>
                    <code>{{ key.prefix }}</code>
                  </td>
                  <td>{{ key.scopes.join(', ') }}</td>
                  <td data-testid="api-key-status">{{ key.status }}</td>
                  <td>{{ shortDate(key.expiresAt) }}</td>
                  <td>
                    @if (canRevoke() && key.status === 'active') {
                      <button mat-button type="button" data-testid="api-key-revoke" (click)="revoke(key)">
                        <ng-container i18n="@@apiKeys.revoke">Revoke</ng-container>
                      </button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </div>
  `,
  styleUrl: './members.scss',
})
export class ApiKeysPage {
  private readonly api = inject(ApiClient);
  private readonly workspaces = inject(WorkspacesStore);
  private readonly dialog = inject(MatDialog);

  protected readonly keys = signal<ApiKey[] | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly fieldError = fieldError;
  protected readonly shortDate = shortDate;
  protected readonly canCreate = computed(() => this.workspaces.can('create', 'ApiKey'));
  protected readonly canRevoke = computed(() => this.workspaces.can('delete', 'ApiKey'));
  private readonly slug = this.workspaces.currentSlugValue() ?? '';

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    kind: new FormControl<'delivery' | 'management'>('delivery', { nonNullable: true }),
    scopes: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    expiresAt: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    this.reload();
  }

  private reload(): void {
    this.api.get('/api/v1/workspaces/{workspace}/api-keys', { path: { workspace: this.slug } }).subscribe({
      next: (keys) => this.keys.set(keys),
      error: () => this.keys.set([]),
    });
  }

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    const value = this.form.getRawValue();
    try {
      const created = await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/api-keys', {
          path: { workspace: this.slug },
          body: {
            name: value.name,
            kind: value.kind,
            scopes: value.scopes
              .split(',')
              .map((scope) => scope.trim())
              .filter(Boolean),
            // The end of the chosen day in the reader's time zone.
            expiresAt: value.expiresAt ? new Date(`${value.expiresAt}T23:59:59`).toISOString() : undefined,
          },
          silent: true,
        }),
      );
      const { secret, ...key } = created;
      this.keys.update((list) => [key, ...(list ?? [])]);
      this.form.reset();
      // The secret lives only in the dialog; nothing else keeps it.
      const data: ApiKeySecretData = { name: key.name, secret };
      this.dialog.open(ApiKeySecretDialog, { data, disableClose: true, autoFocus: 'dialog', width: '560px' });
    } catch (error) {
      this.problem.set(showProblemOnForm(this.form, error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async revoke(key: ApiKey): Promise<void> {
    try {
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/api-keys/{id}', {
          path: { workspace: this.slug, id: key.id },
        }),
      );
      this.reload();
    } catch {
      // Shown as an error toast.
    }
  }
}
