import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import type { ProblemDetails } from '../../api/problem-details';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { WorkspacesStore } from '../../state/workspaces.store';
import { slugify } from './slugify';

/** Create a workspace: a name and a slug (suggested from the name until edited); the API checks both. */
@Component({
  selector: 'quire-create-workspace-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput, MatError, MatHint],
  template: `
    <div class="page">
      <h1 i18n="@@createWorkspace.heading">Create a workspace</h1>
      @if (problem(); as problem) {
        <div class="form-error" role="alert" data-testid="form-error">
          <strong>{{ problem.title }}</strong>
          @if (problem.detail) {
            <div>{{ problem.detail }}</div>
          }
        </div>
      }
      <form [formGroup]="form" (ngSubmit)="create()" novalidate data-testid="create-workspace-form">
        <mat-form-field appearance="outline">
          <mat-label i18n="@@field.workspaceName">Name</mat-label>
          <input matInput formControlName="name" required (input)="suggestSlug()" />
          <mat-error>{{ fieldError(form.controls.name) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n="@@field.slug">Slug</mat-label>
          <input matInput formControlName="slug" required (input)="slugEdited = true" />
          <mat-hint i18n="@@createWorkspace.slugHint">Lower-case letters, digits and dashes; used in URLs</mat-hint>
          <mat-error>{{ fieldError(form.controls.slug) }}</mat-error>
        </mat-form-field>
        <div class="actions">
          <button
            mat-flat-button
            type="submit"
            [disabled]="busy()"
            data-testid="create-workspace-submit"
            i18n="@@createWorkspace.submit"
          >
            Create workspace
          </button>
          @if (busy()) {
            <span role="status" class="note" i18n="@@common.working">Working…</span>
          }
        </div>
      </form>
    </div>
  `,
  styleUrl: './workspaces.scss',
})
export class CreateWorkspacePage {
  private readonly api = inject(ApiClient);
  private readonly store = inject(WorkspacesStore);
  private readonly router = inject(Router);

  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly fieldError = fieldError;
  protected slugEdited = false;

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    slug: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected suggestSlug(): void {
    if (!this.slugEdited) this.form.controls.slug.setValue(slugify(this.form.controls.name.value));
  }

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const workspace = await firstValueFrom(
        this.api.post('/api/v1/workspaces', {
          body: { ...this.form.getRawValue(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone },
          silent: true,
        }),
      );
      this.store.upsert(workspace);
      await this.router.navigate(['/w', workspace.slug]);
    } catch (error) {
      this.problem.set(showProblemOnForm(this.form, error));
    } finally {
      this.busy.set(false);
    }
  }
}
