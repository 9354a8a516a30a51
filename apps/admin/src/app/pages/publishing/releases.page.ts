import { ChangeDetectionStrategy, Component, computed, effect, inject, LOCALE_ID, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import type { ProblemDetails } from '../../api/problem-details';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { WorkspacesStore } from '../../state/workspaces.store';
import { releaseStatusLabel } from './release-labels';
import { formatInZone } from './release-time';

type Release = ResponseOf<'/api/v1/workspaces/{workspace}/releases', 'get'>['items'][number];

/**
 * The workspace's releases (`releases`), newest first: name, status, when it runs and how many entry locales it
 * holds; creating one opens it to add items and schedule or publish it. Needs `publish Entry`.
 */
@Component({
  selector: 'quire-releases-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatButton, MatFormField, MatLabel, MatInput, MatError],
  template: `
    <div class="page">
      <h1 i18n="@@publishing.releases.heading">Releases</h1>
      <p class="note" i18n="@@publishing.releases.intro">
        A release publishes or unpublishes entry locales of any type together, now or at a chosen time: all of them, or
        none when one cannot run.
      </p>

      <section class="panel" aria-labelledby="new-release">
        <h2 id="new-release" i18n="@@publishing.releases.new">New release</h2>
        @if (problem(); as problem) {
          <p class="result broken" role="alert" data-testid="form-error">{{ problem.title }}</p>
        }
        <form [formGroup]="form" (ngSubmit)="create()" class="inline" novalidate>
          <mat-form-field appearance="outline">
            <mat-label i18n="@@publishing.releases.name">Name</mat-label>
            <input matInput formControlName="name" required />
            <mat-error>{{ fieldError(form.controls.name) }}</mat-error>
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="release-create">
            <ng-container i18n="@@publishing.releases.create">Create release</ng-container>
          </button>
        </form>
      </section>

      @if (releases(); as releases) {
        @if (releases.length === 0) {
          <p class="empty" data-testid="releases-empty" i18n="@@publishing.releases.empty">No release yet.</p>
        } @else {
          <div class="table-wrap">
            <table data-testid="releases">
              <thead>
                <tr>
                  <th scope="col" i18n="@@publishing.releases.name">Name</th>
                  <th scope="col" i18n="@@publishing.releases.status">Status</th>
                  <th scope="col" i18n="@@publishing.releases.when">Runs</th>
                  <th scope="col" i18n="@@publishing.releases.items">Items</th>
                </tr>
              </thead>
              <tbody>
                @for (release of releases; track release.id) {
                  <tr [attr.data-release]="release.name">
                    <td>
                      <a [routerLink]="['/w', slug(), 'releases', release.id]">{{ release.name }}</a>
                    </td>
                    <td>
                      <span class="status" [class]="release.status">{{ statusLabel(release.status) }}</span>
                    </td>
                    <td>
                      @if (release.scheduledAt) {
                        {{ inZone(release.scheduledAt, release.timeZone) }}
                      } @else {
                        <span class="note">—</span>
                      }
                    </td>
                    <td>{{ release.items.length }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      } @else {
        <div aria-busy="true">
          <span class="note" role="status" i18n="@@common.loading">Loading…</span>
          <div class="skeleton"></div>
        </div>
      }
    </div>
  `,
  styleUrl: './publishing.scss',
})
export class ReleasesPage {
  private readonly api = inject(ApiClient);
  private readonly store = inject(WorkspacesStore);
  private readonly router = inject(Router);
  private readonly locale = inject(LOCALE_ID);

  protected readonly slug = computed(() => this.store.currentSlugValue() ?? '');
  protected readonly releases = signal<Release[] | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly fieldError = fieldError;
  protected readonly statusLabel = releaseStatusLabel;
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  constructor() {
    effect(() => {
      const slug = this.slug();
      if (slug) void this.load(slug);
    });
  }

  private async load(slug: string): Promise<void> {
    try {
      const list = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/releases', { path: { workspace: slug } }),
      );
      this.releases.set(list.items);
    } catch {
      this.releases.set([]);
    }
  }

  protected inZone(instant: string, zone: string | null): string {
    return formatInZone(instant, zone, this.locale);
  }

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const release = await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/releases', {
          path: { workspace: this.slug() },
          body: { name: this.form.controls.name.value.trim() },
          silent: true,
        }),
      );
      await this.router.navigate(['/w', this.slug(), 'releases', release.id]);
    } catch (error) {
      this.problem.set(showProblemOnForm(this.form, error));
    } finally {
      this.busy.set(false);
    }
  }
}
