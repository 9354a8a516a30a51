import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { debounceTime, firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import type { ProblemDetails } from '../../api/problem-details';
import { fieldError, safeReturnUrl, showProblemOnForm } from '../../shared/form-problems';
import { SessionStore } from '../../state/session.store';
import { SsoButtonsComponent } from './sso-buttons.component';

type Step = 'password' | 'email-code' | 'email-code-sent' | 'two-factor';

/**
 * Sign-in: password or a mailed code, then the authenticator step when the API answers with a challenge. The
 * session arrives as httpOnly cookies; the page never sees a token.
 */
@Component({
  selector: 'quire-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
    MatHint,
    SsoButtonsComponent,
  ],
  templateUrl: './sign-in.page.html',
  styleUrl: '../../shared/account-layout.scss',
})
export class SignInPage {
  private readonly api = inject(ApiClient);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  /** From the query string: where the user was going when the guard sent them here. */
  readonly returnUrl = input<string>();

  protected readonly step = signal<Step>('password');
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  private challengeToken = '';

  protected readonly passwordForm = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly emailForm = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
  });
  protected readonly codeForm = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly twoFactorForm = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected readonly fieldError = fieldError;
  /** The address typed for a password sign-in, once typing pauses: the SSO buttons follow it. */
  protected readonly typedEmail = toSignal(this.passwordForm.controls.email.valueChanges.pipe(debounceTime(300)), {
    initialValue: '',
  });

  protected use(step: Step): void {
    this.problem.set(null);
    this.step.set(step);
  }

  protected signInWithPassword(): Promise<void> {
    return this.submit(this.passwordForm, async () => {
      const answer = await firstValueFrom(
        this.api.post('/api/v1/auth/sign-in', { body: this.passwordForm.getRawValue(), silent: true }),
      );
      await this.continueWith(answer);
    });
  }

  protected requestCode(): Promise<void> {
    return this.submit(this.emailForm, async () => {
      await firstValueFrom(
        this.api.post('/api/v1/auth/email-code', { body: this.emailForm.getRawValue(), silent: true }),
      );
      this.step.set('email-code-sent');
    });
  }

  protected verifyCode(): Promise<void> {
    return this.submit(this.codeForm, async () => {
      const answer = await firstValueFrom(
        this.api.post('/api/v1/auth/email-code/verify', {
          body: { email: this.emailForm.getRawValue().email, code: this.codeForm.getRawValue().code.trim() },
          silent: true,
        }),
      );
      await this.continueWith(answer);
    });
  }

  protected verifyTwoFactor(): Promise<void> {
    return this.submit(this.twoFactorForm, async () => {
      const code = this.twoFactorForm.getRawValue().code.trim();
      // Six digits are the authenticator's code; anything else is a recovery code.
      const body = /^\d{6}$/.test(code)
        ? { challengeToken: this.challengeToken, code }
        : { challengeToken: this.challengeToken, recoveryCode: code };
      await firstValueFrom(this.api.post('/api/v1/auth/two-factor', { body, silent: true }));
      await this.finish();
    });
  }

  private async continueWith(answer: object): Promise<void> {
    if ('twoFactorRequired' in answer && 'challengeToken' in answer) {
      this.challengeToken = String(answer.challengeToken);
      this.step.set('two-factor');
      return;
    }
    await this.finish();
  }

  private async finish(): Promise<void> {
    await this.session.signedInNow();
    await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
  }

  private async submit(form: FormGroup, work: () => Promise<void>): Promise<void> {
    form.markAllAsTouched();
    if (form.invalid || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await work();
    } catch (error) {
      this.problem.set(showProblemOnForm(form, error));
    } finally {
      this.busy.set(false);
    }
  }
}
