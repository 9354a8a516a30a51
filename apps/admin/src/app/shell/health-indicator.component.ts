import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { HealthLevel, HealthStore } from '../state/health.store';

const POLL_INTERVAL_MS = 30_000;

const LABELS: Record<HealthLevel, string> = {
  checking: 'Checking API…',
  ready: 'API ready',
  'not-ready': 'API not ready',
  unreachable: 'API unreachable',
};

/** The toolbar's readiness light. It polls, because an operator keeps the console open while the API restarts. */
@Component({
  selector: 'quire-health-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <a routerLink="/" class="health" data-testid="health-status" [attr.data-status]="store.level()">
      <span class="dot" aria-hidden="true"></span>
      <!-- A live region, so a screen reader hears when the API goes down while the console is open. -->
      <span role="status">{{ label() }}</span>
      <span class="visually-hidden">, details on the Overview page</span>
    </a>
  `,
  styles: `
    .health {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      padding: 4px 12px;
      border-radius: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-label-large);
      text-decoration: none;
      white-space: nowrap;
    }
    .health:hover {
      background: var(--mat-sys-surface-container-highest);
    }
    .dot {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: var(--mat-sys-outline);
    }
    [data-status='ready'] .dot {
      background: light-dark(#1e7b34, #7bd88f);
    }
    [data-status='not-ready'] .dot {
      background: light-dark(#9a5b00, #ffb95c);
    }
    [data-status='unreachable'] .dot {
      background: var(--mat-sys-error);
    }
  `,
})
export class HealthIndicatorComponent {
  protected readonly store = inject(HealthStore);
  protected readonly label = computed(() => LABELS[this.store.level()]);

  constructor() {
    this.store.refresh();
    const timer = setInterval(() => this.store.refresh(), POLL_INTERVAL_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
