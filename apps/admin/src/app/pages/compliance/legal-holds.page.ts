import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { toProblemDetails, type ProblemDetails } from '../../api/problem-details';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { WorkspacesStore } from '../../state/workspaces.store';

type LegalHold = ResponseOf<'/api/v1/workspaces/{workspace}/legal-holds', 'get'>['data'][number];

/**
 * The workspace's legal holds, for owners and admins (`create LegalHold`): the holds with their state, placing one
 * (the whole workspace, one member, or a time range) with a reason, and releasing one with a reason. Held rows are
 * spared by every retention policy, and a held person by erasure, until the release.
 */
@Component({
  selector: 'quire-legal-holds-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, DatePipe, MatButton, MatFormField, MatLabel, MatInput, MatError, MatHint],
  templateUrl: './legal-holds.page.html',
  styleUrl: './compliance.scss',
})
export class LegalHoldsPage {
  private readonly api = inject(ApiClient);
  private readonly store = inject(WorkspacesStore);
  private readonly slug = computed(() => this.store.current()?.slug ?? null);

  protected readonly holds = signal<LegalHold[] | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  /** The hold whose release reason is being asked for. */
  protected readonly releasing = signal<string | null>(null);
  protected readonly canRelease = computed(() => !!this.slug() && this.store.can('release', 'LegalHold'));
  protected readonly fieldError = fieldError;

  protected readonly form = new FormGroup({
    scope: new FormControl<'workspace' | 'user' | 'time-range'>('workspace', { nonNullable: true }),
    userId: new FormControl('', { nonNullable: true }),
    heldFrom: new FormControl('', { nonNullable: true }),
    heldUntil: new FormControl('', { nonNullable: true }),
    reason: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly releaseReason = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly releaseForm = new FormGroup({ reason: this.releaseReason });

  constructor() {
    effect(() => {
      const slug = this.slug();
      if (slug) void this.load(slug);
    });
  }

  private async load(slug: string): Promise<void> {
    try {
      const page = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/legal-holds', {
          path: { workspace: slug },
          query: { pageSize: 100 },
        }),
      );
      this.holds.set(page.data);
    } catch {
      this.holds.set([]);
    }
  }

  protected async place(): Promise<void> {
    // The API's errors from the last try stay on their controls (a hidden one too) until validated again.
    for (const control of Object.values(this.form.controls)) control.updateValueAndValidity();
    this.form.markAllAsTouched();
    const slug = this.slug();
    if (!slug || this.form.invalid || this.busy()) return;
    const value = this.form.getRawValue();
    this.busy.set(true);
    this.problem.set(null);
    try {
      await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/legal-holds', {
          path: { workspace: slug },
          body: {
            scope: value.scope,
            reason: value.reason.trim(),
            userId: value.scope === 'user' ? value.userId.trim() || undefined : undefined,
            heldFrom: value.scope === 'time-range' ? toIso(value.heldFrom) : undefined,
            heldUntil: value.scope === 'time-range' ? toIso(value.heldUntil) : undefined,
          },
          silent: true,
        }),
      );
      this.form.reset();
      await this.load(slug);
    } catch (error) {
      this.problem.set(showProblemOnForm(this.form, error));
    } finally {
      this.busy.set(false);
    }
  }

  protected askRelease(id: string): void {
    this.releasing.set(id);
    this.releaseReason.reset();
  }

  protected async release(hold: LegalHold): Promise<void> {
    this.releaseReason.markAsTouched();
    const slug = this.slug();
    if (!slug || this.releaseReason.invalid || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/legal-holds/{id}/release', {
          path: { workspace: slug, id: hold.id },
          body: { reason: this.releaseReason.value.trim() },
          silent: true,
        }),
      );
      this.releasing.set(null);
      await this.load(slug);
    } catch (error) {
      this.problem.set(toProblemDetails(error));
    } finally {
      this.busy.set(false);
    }
  }
}

function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
