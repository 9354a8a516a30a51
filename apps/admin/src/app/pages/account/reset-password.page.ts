import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import type { ProblemDetails } from '../../api/problem-details';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';

/**
 * Password reset in two visits: without a token, ask for the mail; from the mailed link
 * (`/admin/reset-password?token=…`), set the new password.
 */
@Component({
  selector: 'quire-reset-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatButton, MatFormField, MatLabel, MatInput, MatError],
  template: `
    <div class="card">
      <p class="brand">Quire</p>
      <h1 i18n="@@reset.heading">Reset your password</h1>
      @if (problem(); as problem) {
        <div class="form-error" role="alert">
          <strong>{{ problem.title }}</strong>
          @if (problem.detail) {
            <div>{{ problem.detail }}</div>
          }
        </div>
      }
      @if (done()) {
        <p role="status" data-testid="reset-done">
          @if (token()) {
            <ng-container i18n="@@reset.changed">Your password is changed. Sign in with it.</ng-container>
          } @else {
            <ng-container i18n="@@reset.sent"
              >If an account uses this address, a link to reset its password is on its way.</ng-container
            >
          }
        </p>
      } @else if (token()) {
        <form [formGroup]="newPasswordForm" (ngSubmit)="setPassword()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label i18n="@@field.newPassword">New password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="new-password" required />
            <mat-error>{{ fieldError(newPasswordForm.controls.password) }}</mat-error>
          </mat-form-field>
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()" i18n="@@reset.set">Set password</button>
          </div>
        </form>
      } @else {
        <form [formGroup]="requestForm" (ngSubmit)="request()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label i18n="@@field.email">Email</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="email" required />
            <mat-error>{{ fieldError(requestForm.controls.email) }}</mat-error>
          </mat-form-field>
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()" i18n="@@reset.send">Send me a link</button>
          </div>
        </form>
      }
      <div class="links">
        <a routerLink="/sign-in" i18n="@@reset.back">Back to sign-in</a>
      </div>
    </div>
  `,
  styleUrl: '../../shared/account-layout.scss',
})
export class ResetPasswordPage {
  private readonly api = inject(ApiClient);

  /** The `token` of the mailed link. */
  readonly token = input<string>();
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly fieldError = fieldError;

  protected readonly requestForm = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
  });
  protected readonly newPasswordForm = new FormGroup({
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected request(): Promise<void> {
    return this.submit(this.requestForm, () =>
      firstValueFrom(
        this.api.post('/api/v1/auth/password-reset', { body: this.requestForm.getRawValue(), silent: true }),
      ),
    );
  }

  protected setPassword(): Promise<void> {
    return this.submit(this.newPasswordForm, () =>
      firstValueFrom(
        this.api.post('/api/v1/auth/password-reset/confirm', {
          body: { token: this.token() ?? '', password: this.newPasswordForm.getRawValue().password },
          silent: true,
        }),
      ),
    );
  }

  private async submit(form: FormGroup, work: () => Promise<unknown>): Promise<void> {
    form.markAllAsTouched();
    if (form.invalid || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await work();
      this.done.set(true);
    } catch (error) {
      this.problem.set(showProblemOnForm(form, error));
    } finally {
      this.busy.set(false);
    }
  }
}
