import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatAnchor, MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import { toProblemDetails, type ProblemDetails } from '../../api/problem-details';
import { SessionStore } from '../../state/session.store';

/**
 * The verification mail's link (`/admin/verify-email?token=…`). Verifying takes a click, not the page load: mail
 * scanners open links, and one must not use up the token. A used or expired link can be replaced from here when
 * signed in.
 */
@Component({
  selector: 'quire-verify-email-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButton, MatAnchor],
  template: `
    <div class="card">
      <p class="brand">Quire</p>
      <h1 i18n="@@verifyEmail.heading">Verify your email address</h1>
      @if (problem(); as problem) {
        <div class="form-error" role="alert" data-testid="form-error">
          <strong>{{ problem.title }}</strong>
          @if (problem.detail) {
            <div>{{ problem.detail }}</div>
          }
        </div>
      }
      @if (verified()) {
        <p role="status" data-testid="verify-email-done" i18n="@@verifyEmail.done">Your email address is verified.</p>
        <a mat-flat-button routerLink="/start" i18n="@@verifyEmail.continue">Continue to Quire</a>
      } @else if (resent()) {
        <p role="status" data-testid="verify-email-resent" i18n="@@verifyEmail.resent">
          A new link is on its way. The earlier ones no longer work.
        </p>
      } @else if (!token()) {
        <p i18n="@@verifyEmail.noToken">This page is opened from the link in the verification mail.</p>
      } @else {
        <p i18n="@@verifyEmail.intro">Confirm that this address is yours.</p>
        <div class="actions">
          <button
            mat-flat-button
            type="button"
            [disabled]="busy()"
            (click)="verify()"
            data-testid="verify-email-submit"
          >
            <ng-container i18n="@@verifyEmail.submit">Verify my email</ng-container>
          </button>
        </div>
      }
      @if (problem() && signedIn()) {
        <div class="actions">
          <button mat-stroked-button type="button" [disabled]="busy()" (click)="resend()" i18n="@@verifyEmail.resend">
            Send me a new link
          </button>
        </div>
      }
    </div>
  `,
  styleUrl: '../../shared/account-layout.scss',
})
export class VerifyEmailPage {
  private readonly api = inject(ApiClient);
  private readonly session = inject(SessionStore);

  /** From the query string of the mailed link. */
  readonly token = input<string>();

  protected readonly busy = signal(false);
  protected readonly verified = signal(false);
  protected readonly resent = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly signedIn = signal(false);

  constructor() {
    void this.session.current().then((user) => this.signedIn.set(!!user));
  }

  protected verify(): Promise<void> {
    return this.run(async () => {
      await firstValueFrom(
        this.api.post('/api/v1/auth/verify-email', { body: { token: this.token() ?? '' }, silent: true }),
      );
      this.verified.set(true);
    });
  }

  protected resend(): Promise<void> {
    return this.run(async () => {
      await firstValueFrom(this.api.post('/api/v1/me/email-verification', { silent: true }));
      this.problem.set(null);
      this.resent.set(true);
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await work();
    } catch (error) {
      this.problem.set(toProblemDetails(error));
    } finally {
      this.busy.set(false);
    }
  }
}
