import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import type { ProblemDetails } from '../../api/problem-details';
import { fieldError, safeReturnUrl, showProblemOnForm } from '../../shared/form-problems';
import { SessionStore } from '../../state/session.store';

/** Create an account with a password; the API signs it in at once (cookies) and mails a verification link. */
@Component({
  selector: 'quire-sign-up-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatButton, MatFormField, MatLabel, MatInput, MatError, MatHint],
  template: `
    <div class="card">
      <p class="brand">Quire</p>
      <h1 i18n="@@signUp.heading">Create an account</h1>
      @if (problem(); as problem) {
        <div class="form-error" role="alert" data-testid="form-error">
          <strong>{{ problem.title }}</strong>
          @if (problem.detail) {
            <div>{{ problem.detail }}</div>
          }
        </div>
      }
      <form [formGroup]="form" (ngSubmit)="signUp()" novalidate data-testid="sign-up-form">
        <mat-form-field appearance="outline">
          <mat-label i18n="@@field.displayName">Your name</mat-label>
          <input matInput formControlName="displayName" autocomplete="name" required />
          <mat-error>{{ fieldError(form.controls.displayName) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n="@@field.email">Email</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="email" required />
          <mat-error>{{ fieldError(form.controls.email) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n="@@field.password">Password</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" required />
          <mat-hint i18n="@@signUp.passwordHint">A long passphrase is best</mat-hint>
          <mat-error>{{ fieldError(form.controls.password) }}</mat-error>
        </mat-form-field>
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="sign-up-submit" i18n="@@signUp.submit">
            Create account
          </button>
          @if (busy()) {
            <span role="status" class="note" i18n="@@common.working">Working…</span>
          }
        </div>
      </form>
      <div class="links">
        <a routerLink="/sign-in" i18n="@@signUp.haveAccount">Already have an account? Sign in</a>
      </div>
    </div>
  `,
  styleUrl: '../../shared/account-layout.scss',
})
export class SignUpPage {
  private readonly api = inject(ApiClient);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  readonly returnUrl = input<string>();
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly fieldError = fieldError;

  protected readonly form = new FormGroup({
    displayName: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected async signUp(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await firstValueFrom(this.api.post('/api/v1/auth/sign-up', { body: this.form.getRawValue(), silent: true }));
      await this.session.signedInNow();
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      this.problem.set(showProblemOnForm(this.form, error));
    } finally {
      this.busy.set(false);
    }
  }
}
