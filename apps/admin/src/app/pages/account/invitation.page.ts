import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { toProblemDetails, type ProblemDetails } from '../../api/problem-details';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { SessionStore } from '../../state/session.store';
import { WorkspacesStore } from '../../state/workspaces.store';

type Preview = ResponseOf<'/api/v1/invitations/{token}', 'get'>;

/**
 * The mailed invitation link (`/admin/invitations?token=…`): who invites to which workspace; then accept when
 * signed in, sign in first when the address has an account, or sign up through the invitation.
 */
@Component({
  selector: 'quire-invitation-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatButton, MatFormField, MatLabel, MatInput, MatError],
  template: `
    <div class="card">
      <p class="brand">Quire</p>
      <h1 i18n="@@invitation.heading">Invitation</h1>
      @if (problem(); as problem) {
        <div class="form-error" role="alert" data-testid="form-error">
          <strong>{{ problem.title }}</strong>
          @if (problem.detail) {
            <div>{{ problem.detail }}</div>
          }
        </div>
      }
      @if (rejected()) {
        <p role="status" i18n="@@invitation.rejected">You declined the invitation.</p>
      } @else if (preview(); as preview) {
        <p data-testid="invitation-summary" i18n="@@invitation.summary">
          {{ preview.inviterName }} invites {{ preview.email }} to join {{ preview.workspaceName }} as
          {{ preview.role }}.
        </p>
        @if (session.signedIn()) {
          <div class="actions">
            <button mat-flat-button type="button" [disabled]="busy()" (click)="accept()" i18n="@@invitation.accept">
              Accept and open the workspace
            </button>
            <button mat-button type="button" [disabled]="busy()" (click)="reject()" i18n="@@invitation.decline">
              Decline
            </button>
          </div>
        } @else if (preview.accountExists) {
          <p i18n="@@invitation.signInFirst">Sign in as {{ preview.email }} to accept.</p>
          <div class="actions">
            <a mat-flat-button routerLink="/sign-in" [queryParams]="{ returnUrl: here() }" i18n="@@invitation.signIn"
              >Sign in to accept</a
            >
            <button mat-button type="button" [disabled]="busy()" (click)="reject()" i18n="@@invitation.decline">
              Decline
            </button>
          </div>
        } @else {
          <p i18n="@@invitation.createAccount">Create your account to join.</p>
          <form [formGroup]="form" (ngSubmit)="signUp()" novalidate data-testid="invitation-sign-up">
            <mat-form-field appearance="outline">
              <mat-label i18n="@@field.displayName">Your name</mat-label>
              <input matInput formControlName="displayName" autocomplete="name" required />
              <mat-error>{{ fieldError(form.controls.displayName) }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label i18n="@@field.password">Password</mat-label>
              <input matInput type="password" formControlName="password" autocomplete="new-password" required />
              <mat-error>{{ fieldError(form.controls.password) }}</mat-error>
            </mat-form-field>
            <div class="actions">
              <button mat-flat-button type="submit" [disabled]="busy()" i18n="@@invitation.join">
                Create account and join
              </button>
            </div>
          </form>
        }
      } @else if (!problem()) {
        <p role="status" class="note" i18n="@@common.loading">Loading…</p>
      }
    </div>
  `,
  styleUrl: '../../shared/account-layout.scss',
})
export class InvitationPage {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly workspaces = inject(WorkspacesStore);
  protected readonly session = inject(SessionStore);

  readonly token = input<string>();
  protected readonly preview = signal<Preview | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);
  protected readonly rejected = signal(false);
  protected readonly fieldError = fieldError;
  protected readonly here = computed(() => `/invitations?token=${encodeURIComponent(this.token() ?? '')}`);

  protected readonly form = new FormGroup({
    displayName: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  constructor() {
    void this.session.current();
    effect(() => {
      const token = this.token();
      if (!token) {
        this.problem.set({ title: $localize`:@@invitation.noToken:This link has no invitation in it.` });
        return;
      }
      this.api.get('/api/v1/invitations/{token}', { path: { token }, silent: true }).subscribe({
        next: (preview) => this.preview.set(preview),
        error: (error: unknown) => this.problem.set(toProblemDetails(error)),
      });
    });
  }

  protected accept(): Promise<void> {
    return this.run(async () => {
      const accepted = await firstValueFrom(
        this.api.post('/api/v1/invitations/{token}/accept', { path: { token: this.token() ?? '' }, silent: true }),
      );
      this.workspaces.load();
      await this.router.navigate(['/w', accepted.workspaceSlug]);
    });
  }

  protected reject(): Promise<void> {
    return this.run(async () => {
      await firstValueFrom(
        this.api.post('/api/v1/invitations/{token}/reject', { path: { token: this.token() ?? '' }, silent: true }),
      );
      this.rejected.set(true);
    });
  }

  protected async signUp(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    await this.run(async () => {
      await firstValueFrom(
        this.api.post('/api/v1/invitations/{token}/sign-up', {
          path: { token: this.token() ?? '' },
          body: this.form.getRawValue(),
          silent: true,
        }),
      );
      await this.session.signedInNow();
      const slug = this.preview()?.workspaceSlug;
      await this.router.navigateByUrl(slug ? `/w/${slug}` : '/');
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await work();
    } catch (error) {
      this.problem.set(showProblemOnForm(this.form, error));
    } finally {
      this.busy.set(false);
    }
  }
}
