import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { HealthIndicatorResult } from '../../api/health.api';
import { ProblemDetailsComponent } from '../../shared/problem-details.component';
import { HealthStore } from '../../state/health.store';

interface HealthCheckRow {
  name: string;
  status: 'up' | 'down';
  /** The indicator's other fields (e.g. a failure message), as one line of text. */
  extra: string;
}

/** The landing page: what this console is for today, and whether the API is ready. */
@Component({
  selector: 'quire-overview-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButton, MatCardModule, RouterLink, ProblemDetailsComponent],
  templateUrl: './overview.page.html',
  styleUrl: './overview.page.scss',
})
export class OverviewPage {
  protected readonly health = inject(HealthStore);

  protected readonly report = computed(() => {
    const state = this.health.report();
    return state.status === 'ready' ? state.value : null;
  });

  protected readonly problem = computed(() => {
    const state = this.health.report();
    return state.status === 'error' ? state.problem : null;
  });

  protected readonly checks = computed<HealthCheckRow[]>(() =>
    Object.entries(this.report()?.details ?? {}).map(([name, result]) => ({
      name,
      status: result.status,
      extra: describe(result),
    })),
  );
}

function describe(result: HealthIndicatorResult): string {
  return Object.entries(result)
    .filter(([key]) => key !== 'status')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
}
