import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { toProblemDetails, type ProblemDetails } from '../../api/problem-details';

type Consent = ResponseOf<'/api/v1/me/consents', 'get'>['data'][number];
type ConsentRecord = ResponseOf<'/api/v1/me/consents/history', 'get'>['data'][number];
type PrivacyRequest = ResponseOf<'/api/v1/me/privacy/requests/{id}', 'get'>;

/**
 * Privacy & Data for the signed-in person: consents with their history, a copy of all their data (access request:
 * a code is mailed, entered here, then the ZIP downloads), erasure of the account (same confirmation), and the
 * requests made so far with their status and due date.
 */
@Component({
  selector: 'quire-privacy-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    DatePipe,
    MatButton,
    MatCheckbox,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
    MatHint,
    MatSlideToggle,
  ],
  templateUrl: './privacy.page.html',
  styleUrl: '../compliance/compliance.scss',
})
export class PrivacyPage {
  private readonly api = inject(ApiClient);

  protected readonly consents = signal<Consent[] | null>(null);
  protected readonly history = signal<ConsentRecord[]>([]);
  protected readonly requests = signal<PrivacyRequest[] | null>(null);
  /** The request waiting for its mailed code. */
  protected readonly pending = signal<PrivacyRequest | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly erasureConfirmed = new FormControl(false, { nonNullable: true });
  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/^\d{6}$/)],
  });
  protected readonly codeForm = new FormGroup({ code: this.code });

  constructor() {
    void this.loadConsents();
    void this.loadRequests();
  }

  private async loadConsents(): Promise<void> {
    try {
      const [consents, history] = await Promise.all([
        firstValueFrom(this.api.get('/api/v1/me/consents')),
        firstValueFrom(this.api.get('/api/v1/me/consents/history', { query: { pageSize: 20 } })),
      ]);
      this.consents.set(consents.data);
      this.history.set(history.data);
    } catch {
      this.consents.set([]);
    }
  }

  private async loadRequests(): Promise<void> {
    try {
      const page = await firstValueFrom(this.api.get('/api/v1/me/privacy/requests', { query: { sort: '-createdAt' } }));
      this.requests.set(page.data);
    } catch {
      this.requests.set([]);
    }
  }

  protected async setConsent(consent: Consent, granted: boolean): Promise<void> {
    try {
      const state = await firstValueFrom(
        this.api.put('/api/v1/me/consents/{purpose}', {
          path: { purpose: consent.purpose },
          body: { granted, source: 'console' },
        }),
      );
      this.consents.update((list) => list?.map((c) => (c.purpose === state.purpose ? state : c)) ?? null);
      void this.loadConsents();
    } catch {
      // The toast says why; the toggle goes back to what the server holds.
      void this.loadConsents();
    }
  }

  protected async request(type: 'access' | 'erasure'): Promise<void> {
    if (this.busy()) return;
    if (type === 'erasure' && !this.erasureConfirmed.value) {
      this.erasureConfirmed.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      const created = await firstValueFrom(
        this.api.post('/api/v1/me/privacy/requests', { body: { type }, silent: true }),
      );
      this.pending.set(created);
      this.code.reset();
      void this.loadRequests();
    } catch (error) {
      this.problem.set(toProblemDetails(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected enterCode(request: PrivacyRequest): void {
    this.pending.set(request);
    this.code.reset();
    this.problem.set(null);
  }

  /** The code can be entered later from the list of requests. */
  protected later(): void {
    this.pending.set(null);
    this.problem.set(null);
  }

  protected async verify(): Promise<void> {
    const pending = this.pending();
    this.code.markAsTouched();
    if (!pending || this.code.invalid || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await firstValueFrom(
        this.api.post('/api/v1/me/privacy/requests/{id}/verify', {
          path: { id: pending.id },
          body: { code: this.code.value },
          silent: true,
        }),
      );
      this.pending.set(null);
      // An erasure ends the sessions: the next request sends to sign-in.
      await this.loadRequests();
    } catch (error) {
      this.problem.set(toProblemDetails(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected exportUrl(request: PrivacyRequest): string {
    return `/api/v1/me/privacy/requests/${encodeURIComponent(request.id)}/export`;
  }

  protected downloadable(request: PrivacyRequest): boolean {
    return (
      (request.type === 'access' || request.type === 'portability') &&
      (request.status === 'verified' || request.status === 'completed')
    );
  }

  /** After a download the request is completed server-side: show it. */
  protected downloaded(): void {
    setTimeout(() => void this.loadRequests(), 1500);
  }
}
