import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { SessionStore } from '../state/session.store';

/**
 * Shown on every screen while this session is an impersonation (the API marks each answer with
 * `Quire-Impersonation-Expires`): whose account this is, until when, and a button to stop.
 */
@Component({
  selector: 'quire-impersonation-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    @if (session.impersonationExpires(); as expires) {
      <div class="banner" role="alert" data-testid="impersonation-banner">
        <span i18n="@@impersonation.text">
          You are acting as {{ session.me()?.displayName }} ({{ session.me()?.email }}) until
          {{ expires | date: 'shortTime' }}. Everything you do is recorded.
        </span>
        <button type="button" [disabled]="stopping()" (click)="stop()" i18n="@@impersonation.stop">
          Stop impersonating
        </button>
      </div>
    }
  `,
  styles: `
    .banner {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: center;
      gap: 12px;
      padding: 8px 16px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-label-large);
    }
    button {
      min-height: 36px;
      padding: 0 16px;
      border: 0;
      border-radius: 18px;
      background: var(--mat-sys-tertiary);
      color: var(--mat-sys-on-tertiary);
      font: inherit;
      cursor: pointer;
    }
  `,
})
export class ImpersonationBannerComponent {
  protected readonly session = inject(SessionStore);
  protected readonly stopping = signal(false);

  protected async stop(): Promise<void> {
    this.stopping.set(true);
    await this.session.stopImpersonating();
    this.stopping.set(false);
  }
}
