import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import type { ProblemDetails } from '../../api/problem-details';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { WorkspacesStore, type Workspace } from '../../state/workspaces.store';

const TIME_ZONES: string[] = (Intl as unknown as { supportedValuesOf?(key: string): string[] }).supportedValuesOf?.(
  'timeZone',
) ?? ['UTC'];

/**
 * Workspace settings (name, slug, logo URL, locales, time zone). Only routed to members whose rules allow
 * `update Workspace`; the API's validation errors land on the field they name.
 */
@Component({
  selector: 'quire-workspace-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput, MatError, MatHint],
  template: `
    <div class="page">
      <h1 i18n="@@settings.heading">Workspace settings</h1>
      @if (problem(); as problem) {
        <div class="form-error" role="alert" data-testid="form-error">
          <strong>{{ problem.title }}</strong>
          @if (problem.detail) {
            <div>{{ problem.detail }}</div>
          }
        </div>
      }
      @if (saved()) {
        <p role="status" class="note" data-testid="settings-saved" i18n="@@settings.saved">Saved.</p>
      }
      @if (!store.current()) {
        <p role="status" class="note" i18n="@@common.loading">Loading…</p>
      }
      <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="settings-form" [hidden]="!store.current()">
        <mat-form-field appearance="outline">
          <mat-label i18n="@@field.workspaceName">Name</mat-label>
          <input matInput formControlName="name" required />
          <mat-error>{{ fieldError(form.controls.name) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n="@@field.slug">Slug</mat-label>
          <input matInput formControlName="slug" required />
          <mat-hint i18n="@@settings.slugHint">The former slug keeps leading here</mat-hint>
          <mat-error>{{ fieldError(form.controls.slug) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n="@@field.logoUrl">Logo URL</mat-label>
          <input matInput type="url" formControlName="logoUrl" />
          <mat-hint i18n="@@settings.logoHint">An https:// address of an image; empty for none</mat-hint>
          <mat-error>{{ fieldError(form.controls.logoUrl) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n="@@field.enabledLocales">Locales</mat-label>
          <input matInput formControlName="enabledLocales" required />
          <mat-hint i18n="@@settings.localesHint">Language tags separated by commas, e.g. en, de-CH</mat-hint>
          <mat-error>{{ fieldError(form.controls.enabledLocales) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n="@@field.defaultLocale">Default locale</mat-label>
          <input matInput formControlName="defaultLocale" required />
          <mat-hint i18n="@@settings.defaultLocaleHint">One of the locales</mat-hint>
          <mat-error>{{ fieldError(form.controls.defaultLocale) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n="@@field.timeZone">Time zone</mat-label>
          <input matInput formControlName="timeZone" list="time-zones" required />
          <mat-error>{{ fieldError(form.controls.timeZone) }}</mat-error>
        </mat-form-field>
        <datalist id="time-zones">
          @for (zone of timeZones; track zone) {
            <option [value]="zone"></option>
          }
        </datalist>
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="settings-save" i18n="@@settings.save">
            Save
          </button>
          @if (busy()) {
            <span role="status" class="note" i18n="@@common.saving">Saving…</span>
          }
        </div>
      </form>
    </div>
  `,
  styleUrl: './workspaces.scss',
})
export class WorkspaceSettingsPage {
  private readonly api = inject(ApiClient);
  protected readonly store = inject(WorkspacesStore);
  private readonly router = inject(Router);

  protected readonly timeZones = TIME_ZONES;
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly fieldError = fieldError;

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    slug: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    logoUrl: new FormControl('', { nonNullable: true }),
    enabledLocales: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    defaultLocale: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    timeZone: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  constructor() {
    // Fill the form once the workspace is known (the store may still be loading the list).
    let filled = false;
    effect(() => {
      const workspace = this.store.current();
      if (workspace && !filled) {
        filled = true;
        this.fill(workspace);
      }
    });
  }

  private fill(workspace: Workspace): void {
    this.form.setValue({
      name: workspace.name,
      slug: workspace.slug,
      logoUrl: workspace.logoUrl ?? '',
      enabledLocales: workspace.enabledLocales.join(', '),
      defaultLocale: workspace.defaultLocale,
      timeZone: workspace.timeZone,
    });
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    const current = this.store.current();
    if (this.form.invalid || this.busy() || !current) return;
    this.busy.set(true);
    this.saved.set(false);
    this.problem.set(null);
    const value = this.form.getRawValue();
    try {
      const workspace = await firstValueFrom(
        this.api.patch('/api/v1/workspaces/{workspace}', {
          path: { workspace: current.slug },
          body: {
            name: value.name,
            slug: value.slug.trim(),
            logoUrl: value.logoUrl.trim() || null,
            enabledLocales: value.enabledLocales
              .split(',')
              .map((locale) => locale.trim())
              .filter(Boolean),
            defaultLocale: value.defaultLocale.trim(),
            timeZone: value.timeZone.trim(),
          },
          silent: true,
        }),
      );
      this.store.upsert(workspace);
      this.fill(workspace);
      this.saved.set(true);
      if (workspace.slug !== current.slug) await this.router.navigate(['/w', workspace.slug, 'settings']);
    } catch (error) {
      this.problem.set(showProblemOnForm(this.form, error));
    } finally {
      this.busy.set(false);
    }
  }
}
