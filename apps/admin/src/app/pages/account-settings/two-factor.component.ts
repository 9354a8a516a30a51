import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { ApiProblem, toProblemDetails } from '../../api/problem-details';
import { ErrorToasts } from '../../shared/error-toasts';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { SessionStore } from '../../state/session.store';

type Status = ResponseOf<'/api/v1/me/two-factor', 'get'>;
type Setup = ResponseOf<'/api/v1/me/two-factor/setup', 'post'>;
type DisableProof = 'code' | 'recoveryCode' | 'password';

/**
 * Two-factor authentication (TOTP): set up with a QR code (and the secret for typing in), confirm with a code, the
 * recovery codes shown once with copy and download, new recovery codes, and turning it off with one proof.
 */
@Component({
  selector: 'quire-two-factor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
    MatHint,
    MatRadioGroup,
    MatRadioButton,
  ],
  templateUrl: './two-factor.component.html',
  styleUrl: './account-settings.page.scss',
})
export class TwoFactorComponent {
  private readonly api = inject(ApiClient);
  private readonly toasts = inject(ErrorToasts);
  private readonly session = inject(SessionStore);
  protected readonly fieldError = fieldError;

  protected readonly status = signal<Status | null>(null);
  protected readonly setup = signal<Setup | null>(null);
  /** Shown this once, right after confirming or regenerating. */
  protected readonly recoveryCodes = signal<string[] | null>(null);
  protected readonly copied = signal(false);
  protected readonly busy = signal(false);
  /** Which form is open when 2FA is on. */
  protected readonly mode = signal<'idle' | 'disable' | 'regenerate'>('idle');

  private readonly sixDigits = [Validators.required, Validators.pattern(/^\d{6}$/)];
  protected readonly confirmForm = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: this.sixDigits }),
  });
  protected readonly regenerateForm = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: this.sixDigits }),
  });
  protected readonly disableProof = new FormControl<DisableProof>('code', { nonNullable: true });
  protected readonly disableForm = new FormGroup({
    code: new FormControl('', { nonNullable: true }),
    recoveryCode: new FormControl('', { nonNullable: true }),
    password: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.status.set(await firstValueFrom(this.api.get('/api/v1/me/two-factor')));
    } catch {
      this.status.set({ enabled: false, enabledAt: null, recoveryCodesRemaining: 0 });
    }
  }

  protected async start(): Promise<void> {
    await this.run(async () => {
      this.setup.set(await firstValueFrom(this.api.post('/api/v1/me/two-factor/setup', { silent: true })));
      this.confirmForm.reset();
    });
  }

  protected async confirm(): Promise<void> {
    if (!this.valid(this.confirmForm)) return;
    await this.run(async () => {
      const answer = await firstValueFrom(
        this.api.post('/api/v1/me/two-factor/confirm', { body: this.confirmForm.getRawValue(), silent: true }),
      );
      this.setup.set(null);
      this.recoveryCodes.set(answer.recoveryCodes);
      await this.load();
      await this.session.signedInNow();
    }, this.confirmForm);
  }

  protected async regenerate(): Promise<void> {
    if (!this.valid(this.regenerateForm)) return;
    await this.run(async () => {
      const answer = await firstValueFrom(
        this.api.post('/api/v1/me/two-factor/recovery-codes', {
          body: this.regenerateForm.getRawValue(),
          silent: true,
        }),
      );
      this.recoveryCodes.set(answer.recoveryCodes);
      this.mode.set('idle');
      this.regenerateForm.reset();
      await this.load();
    }, this.regenerateForm);
  }

  protected async disable(): Promise<void> {
    const proof = this.disableProof.value;
    const control = this.disableForm.controls[proof];
    control.setValidators(Validators.required);
    control.updateValueAndValidity();
    control.markAsTouched();
    if (control.invalid) return;
    await this.run(async () => {
      await firstValueFrom(
        this.api.post('/api/v1/me/two-factor/disable', { body: { [proof]: control.value.trim() }, silent: true }),
      );
      this.mode.set('idle');
      this.recoveryCodes.set(null);
      this.disableForm.reset();
      await this.load();
      await this.session.signedInNow();
    }, this.disableForm);
  }

  protected open(mode: 'idle' | 'disable' | 'regenerate'): void {
    this.mode.set(mode);
    this.regenerateForm.reset();
    this.disableForm.reset();
  }

  protected async copyCodes(codes: string[]): Promise<void> {
    await navigator.clipboard.writeText(codes.join('\n'));
    this.copied.set(true);
  }

  protected downloadCodes(codes: string[]): void {
    const url = URL.createObjectURL(new Blob([codes.join('\n') + '\n'], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'quire-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  }

  protected doneWithCodes(): void {
    this.recoveryCodes.set(null);
    this.copied.set(false);
  }

  private valid(form: FormGroup): boolean {
    form.markAllAsTouched();
    return form.valid;
  }

  /** One request at a time; field errors land on their control, anything else in a toast. */
  private async run(action: () => Promise<void>, form?: FormGroup): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      await action();
    } catch (error) {
      const problem = form ? showProblemOnForm(form, error) : toProblemDetails(error);
      if (!form || !(error instanceof ApiProblem) || !problem.errors?.length) this.toasts.show(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
