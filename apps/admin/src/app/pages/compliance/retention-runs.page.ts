import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { toProblemDetails } from '../../api/problem-details';
import { confirm } from '../../shared/confirm.dialog';

type RetentionRun = ResponseOf<'/api/v1/retention/runs/{id}', 'get'>;

/**
 * Retention runs of the installation, for platform administrators: the recent runs (scheduled, manual, dry) with
 * each policy's outcome, a dry run that counts what the next run would change without changing it, and a run now
 * (after a confirmation: it deletes and anonymizes). Anyone else reaching the page gets the API's 403 explained.
 */
@Component({
  selector: 'quire-retention-runs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButton],
  template: `
    <div class="page">
      <h1 i18n="@@retention.heading">Retention runs</h1>
      @if (refused()) {
        <p class="empty" data-testid="retention-refused" i18n="@@retention.refused">
          Retention runs are for platform administrators of this installation.
        </p>
      } @else {
        <div class="actions">
          <button
            mat-flat-button
            type="button"
            (click)="dryRun()"
            [disabled]="busy()"
            data-testid="retention-dry-run"
            i18n="@@retention.dryRun"
          >
            Dry run
          </button>
          <button
            mat-stroked-button
            type="button"
            (click)="runNow()"
            [disabled]="busy()"
            data-testid="retention-run-now"
            i18n="@@retention.runNow"
          >
            Run now
          </button>
          @if (busy()) {
            <span role="status" class="note" i18n="@@retention.working">Working…</span>
          }
        </div>
        @if (runs(); as runs) {
          @if (runs.length === 0) {
            <p class="empty" i18n="@@retention.empty">No retention run yet.</p>
          }
          @for (run of runs; track run.id) {
            <section class="result" [attr.data-run]="run.id" data-testid="retention-run">
              <h2>
                {{ run.startedAt | date: 'medium' }} · {{ run.trigger }} · {{ run.status }}
                @if (run.dryRun) {
                  <span i18n="@@retention.dry">(dry run)</span>
                }
              </h2>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col" i18n="@@report.policy">Policy</th>
                      <th scope="col" i18n="@@report.policyAction">Action</th>
                      <th scope="col" i18n="@@report.rows">Rows changed / held</th>
                      <th scope="col" i18n="@@retention.error">Error</th>
                    </tr>
                  </thead>
                  <tbody>
                    @for (outcome of run.results; track outcome.policy) {
                      <tr>
                        <td class="mono">{{ outcome.policy }}</td>
                        <td>{{ outcome.action }}</td>
                        <td>{{ outcome.rowsAffected }} / {{ outcome.rowsHeld }}</td>
                        <td>{{ outcome.error ?? '—' }}</td>
                      </tr>
                    }
                  </tbody>
                </table>
              </div>
            </section>
          }
        } @else {
          <div aria-busy="true">
            <span class="note" role="status" i18n="@@common.loading">Loading…</span>
            <div class="skeleton"></div>
          </div>
        }
      }
    </div>
  `,
  styleUrl: './compliance.scss',
})
export class RetentionRunsPage {
  private readonly api = inject(ApiClient);
  private readonly dialog = inject(MatDialog);
  protected readonly runs = signal<RetentionRun[] | null>(null);
  protected readonly refused = signal(false);
  protected readonly busy = signal(false);

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const page = await firstValueFrom(
        this.api.get('/api/v1/retention/runs', { query: { pageSize: 20 }, silent: true }),
      );
      this.runs.set(page.data);
    } catch (error) {
      if (toProblemDetails(error).status === 403) this.refused.set(true);
      else this.runs.set([]);
    }
  }

  protected dryRun(): Promise<void> {
    return this.record(() => firstValueFrom(this.api.post('/api/v1/retention/dry-run', { body: {} })));
  }

  protected async runNow(): Promise<void> {
    const sure = await confirm(this.dialog, {
      title: $localize`:@@retention.runNowTitle:Run every retention policy now?`,
      message: $localize`:@@retention.runNowMessage:What is due is deleted or anonymized now, as the daily run would. Held records stay. This cannot be undone.`,
      confirm: $localize`:@@retention.runNowConfirm:Run now`,
      destructive: true,
    });
    if (sure) await this.record(() => firstValueFrom(this.api.post('/api/v1/retention/runs', { body: {} })));
  }

  /** Runs one (dry or real) and puts its record first. */
  private async record(run: () => Promise<RetentionRun>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      const done = await run();
      this.runs.update((runs) => [done, ...(runs ?? []).filter((r) => r.id !== done.id)]);
    } catch {
      // Shown as a toast by the problem interceptor.
    } finally {
      this.busy.set(false);
    }
  }
}
