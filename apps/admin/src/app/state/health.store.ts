import { computed, inject, Injectable, signal } from '@angular/core';
import { HealthApi, HealthReport } from '../api/health.api';
import { toProblemDetails } from '../api/problem-details';
import { Remote } from './remote';

/** The summary the toolbar shows: a readiness word that does not need the details. */
export type HealthLevel = 'checking' | 'ready' | 'not-ready' | 'unreachable';

/** The API's readiness (`GET /health/ready`), shared by the toolbar indicator and the Overview page. */
@Injectable({ providedIn: 'root' })
export class HealthStore {
  private readonly api = inject(HealthApi);
  private readonly state = signal<Remote<HealthReport>>({ status: 'loading' });
  private readonly inFlight = signal(false);
  private readonly lastChecked = signal<Date | null>(null);

  readonly report = this.state.asReadonly();
  readonly checking = this.inFlight.asReadonly();
  readonly checkedAt = this.lastChecked.asReadonly();

  readonly level = computed<HealthLevel>(() => {
    const state = this.state();
    switch (state.status) {
      case 'loading':
        return 'checking';
      case 'error':
        return 'unreachable';
      case 'ready':
        return state.value.status === 'ok' ? 'ready' : 'not-ready';
    }
  });

  /** Checks again. Keeps the last result on screen meanwhile, so a poll does not make the indicator flicker. */
  refresh(): void {
    if (this.inFlight()) return;
    this.inFlight.set(true);
    this.api.ready().subscribe({
      next: (report) => this.settle({ status: 'ready', value: report }),
      error: (error: unknown) => this.settle({ status: 'error', problem: toProblemDetails(error) }),
    });
  }

  private settle(state: Remote<HealthReport>): void {
    this.state.set(state);
    this.lastChecked.set(new Date());
    this.inFlight.set(false);
  }
}
