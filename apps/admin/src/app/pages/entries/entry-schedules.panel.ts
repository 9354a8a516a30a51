import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { toProblemDetails } from '../../api/problem-details';

type Schedule = ResponseOf<
  '/api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/schedules',
  'get'
>['items'][number];

/**
 * Publishing the locale later (docs/content/scheduling.md): a date and time in the browser's zone, publish or
 * unpublish, and the locale's schedules with Cancel on pending ones. Only for members who may publish.
 */
@Component({
  selector: 'quire-entry-schedules',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButton],
  template: `
    <section class="panel" aria-labelledby="schedule-heading" data-testid="schedule-panel">
      <h2 id="schedule-heading" i18n="@@entries.schedule.heading">Schedule</h2>
      <label class="stacked">
        <span i18n="@@entries.schedule.action">Action</span>
        <select #action>
          <option value="publish" i18n="@@entries.schedule.publish">Publish</option>
          <option value="unpublish" i18n="@@entries.schedule.unpublish">Unpublish</option>
        </select>
      </label>
      <label class="stacked">
        <span i18n="@@entries.schedule.at">At (your time)</span>
        <input type="datetime-local" #runAt data-testid="schedule-at" />
      </label>
      @if (error()) {
        <p class="field-error" role="alert">{{ error() }}</p>
      }
      <button
        mat-stroked-button
        type="button"
        [disabled]="busy()"
        (click)="schedule($any(action.value), runAt)"
        data-testid="schedule-submit"
      >
        <ng-container i18n="@@entries.schedule.submit">Schedule</ng-container>
      </button>
      <ul class="plain">
        @for (item of schedules(); track item.id) {
          <li [attr.data-schedule]="item.status">
            {{ item.action === 'publish' ? publishText : unpublishText }} · {{ item.runAt | date: 'medium' }} ·
            {{ item.status }}
            @if (item.status === 'pending') {
              <button mat-button type="button" (click)="cancel(item)" i18n="@@entries.schedule.cancel">Cancel</button>
            }
          </li>
        }
      </ul>
    </section>
  `,
  styleUrl: './entry-panels.scss',
  styles: `
    .field-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class EntrySchedulesPanel {
  readonly workspace = input.required<string>();
  readonly entryId = input.required<string>();
  readonly locale = input.required<string>();
  /** Bumped when the event stream reports a publish or a schedule of the entry. */
  readonly refresh = input(0);

  private readonly api = inject(ApiClient);
  protected readonly schedules = signal<Schedule[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly publishText = $localize`:@@entries.schedule.publish:Publish`;
  protected readonly unpublishText = $localize`:@@entries.schedule.unpublish:Unpublish`;

  constructor() {
    effect(() => {
      this.refresh();
      const path = { workspace: this.workspace(), id: this.entryId(), locale: this.locale() };
      untracked(() => void this.load(path));
    });
  }

  private async load(path: { workspace: string; id: string; locale: string }): Promise<void> {
    const list = await firstValueFrom(
      this.api.get('/api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/schedules', { path, silent: true }),
    ).catch(() => null);
    this.schedules.set(list?.items ?? []);
  }

  private path() {
    return { workspace: this.workspace(), id: this.entryId(), locale: this.locale() };
  }

  protected async schedule(action: 'publish' | 'unpublish', input: HTMLInputElement): Promise<void> {
    const when = new Date(input.value);
    this.error.set(null);
    if (!input.value || Number.isNaN(when.getTime())) {
      this.error.set($localize`:@@entries.schedule.pick:Pick a date and time.`);
      return;
    }
    this.busy.set(true);
    try {
      await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/schedules', {
          path: this.path(),
          body: { action, runAt: when.toISOString() },
          silent: true,
        }),
      );
      input.value = '';
      await this.load(this.path());
    } catch (error) {
      const problem = toProblemDetails(error);
      this.error.set(problem.errors?.map((e) => e.message).join(' ') || problem.detail || problem.title);
    } finally {
      this.busy.set(false);
    }
  }

  protected async cancel(item: Schedule): Promise<void> {
    await firstValueFrom(
      this.api.delete('/api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/schedules/{scheduleId}', {
        path: { ...this.path(), scheduleId: item.id },
      }),
    ).catch(() => undefined);
    await this.load(this.path());
  }
}
