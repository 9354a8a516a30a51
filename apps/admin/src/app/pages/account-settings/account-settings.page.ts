import { DatePipe } from '@angular/common';
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
import { applyTheme, saveTheme, storedTheme, type Theme } from './theme';
import { TwoFactorComponent } from './two-factor.component';

type Session = ResponseOf<'/api/v1/auth/sessions', 'get'>[number];

/**
 * The signed-in person's own account: profile, theme, interface language, signed-in devices and two-factor
 * authentication (its own component). Everything here acts on the user, never on a workspace.
 */
@Component({
  selector: 'quire-account-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    DatePipe,
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
    MatHint,
    MatRadioGroup,
    MatRadioButton,
    TwoFactorComponent,
  ],
  templateUrl: './account-settings.page.html',
  styleUrl: './account-settings.page.scss',
})
export class AccountSettingsPage {
  private readonly api = inject(ApiClient);
  private readonly toasts = inject(ErrorToasts);
  protected readonly session = inject(SessionStore);
  protected readonly fieldError = fieldError;

  protected readonly profileForm = new FormGroup({
    displayName: new FormControl(this.session.me()?.displayName ?? '', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    avatarUrl: new FormControl(this.session.me()?.avatarUrl ?? '', { nonNullable: true }),
  });
  protected readonly savingProfile = signal(false);
  protected readonly profileSaved = signal(false);

  protected readonly theme = new FormControl<Theme>(storedTheme(), { nonNullable: true });

  protected readonly sessions = signal<Session[] | null>(null);
  protected readonly revoking = signal(false);

  constructor() {
    applyTheme(this.theme.value);
    this.theme.valueChanges.subscribe((theme) => saveTheme(theme));
    void this.loadSessions();
  }

  protected async saveProfile(): Promise<void> {
    if (this.savingProfile()) return;
    this.profileForm.markAllAsTouched();
    if (this.profileForm.invalid) return;
    this.savingProfile.set(true);
    this.profileSaved.set(false);
    const { displayName, avatarUrl } = this.profileForm.getRawValue();
    try {
      await firstValueFrom(
        this.api.patch('/api/v1/me', {
          body: { displayName: displayName.trim(), avatarUrl: avatarUrl.trim() || null },
          silent: true,
        }),
      );
      // Reload who is signed in, so the toolbar shows the new name.
      await this.session.signedInNow();
      this.profileSaved.set(true);
    } catch (error) {
      this.report(error, this.profileForm);
    } finally {
      this.savingProfile.set(false);
    }
  }

  protected async loadSessions(): Promise<void> {
    try {
      this.sessions.set(await firstValueFrom(this.api.get('/api/v1/auth/sessions')));
    } catch {
      this.sessions.set([]);
    }
  }

  protected async revoke(session: Session): Promise<void> {
    await this.revokeAll([session]);
  }

  protected async revokeOthers(): Promise<void> {
    await this.revokeAll((this.sessions() ?? []).filter((s) => !s.current && !s.impersonation));
  }

  private async revokeAll(sessions: Session[]): Promise<void> {
    if (this.revoking()) return;
    this.revoking.set(true);
    try {
      // The API revokes one session per call; errors show as toasts (the client's default).
      for (const session of sessions) {
        await firstValueFrom(this.api.delete('/api/v1/auth/sessions/{id}', { path: { id: session.id } }));
      }
    } catch {
      // Toast shown; the reload below shows what is still signed in.
    } finally {
      this.revoking.set(false);
      await this.loadSessions();
    }
  }

  protected hasOthers(sessions: Session[]): boolean {
    return sessions.some((s) => !s.current && !s.impersonation);
  }

  /** Field errors on their controls; anything else as a toast. */
  private report(error: unknown, form: FormGroup): void {
    const problem = showProblemOnForm(form, error);
    if (!(error instanceof ApiProblem) || !problem.errors?.length) this.toasts.show(toProblemDetails(error));
  }
}
