import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../api/api-client';

export type Me = ResponseOf<'/api/v1/me', 'get'>;

/**
 * Who is signed in. The session itself lives in httpOnly cookies the console cannot read, so "signed in" means
 * "GET /me answers". Signing out clears everything the console keeps locally: web storage and every store that
 * registered a reset (workspaces, permissions, …).
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly resets: Array<() => void> = [];
  private loading: Promise<Me | null> | null = null;

  private readonly state = signal<{ status: 'unknown' } | { status: 'known'; me: Me | null }>({ status: 'unknown' });
  /** The end of the impersonation this session is, from the API's `Quire-Impersonation-Expires` header. */
  private readonly impersonationEnds = signal<string | null>(null);

  readonly me = computed(() => {
    const state = this.state();
    return state.status === 'known' ? state.me : null;
  });
  readonly signedIn = computed(() => this.me() !== null);
  readonly impersonationExpires = this.impersonationEnds.asReadonly();

  /** The signed-in user, asking the API once (and again after sign-in or sign-out). */
  current(): Promise<Me | null> {
    const state = this.state();
    if (state.status === 'known') return Promise.resolve(state.me);
    this.loading ??= firstValueFrom(this.api.get('/api/v1/me', { silent: true }))
      .then((me) => me as Me)
      .catch(() => null)
      .then((me) => {
        this.state.set({ status: 'known', me });
        this.loading = null;
        return me;
      });
    return this.loading;
  }

  /** After a sign-in step that set the cookies: load the user. */
  async signedInNow(): Promise<Me | null> {
    this.state.set({ status: 'unknown' });
    return this.current();
  }

  noteImpersonation(expires: string | null): void {
    if (this.impersonationEnds() !== expires) this.impersonationEnds.set(expires);
  }

  /** Stores that keep data of the signed-in user register how to forget it. */
  onSignOut(reset: () => void): void {
    this.resets.push(reset);
  }

  async signOut(): Promise<void> {
    await firstValueFrom(this.api.post('/api/v1/auth/sign-out', { silent: true })).catch(() => undefined);
    this.clearLocalData();
    await this.router.navigateByUrl('/sign-in');
  }

  async stopImpersonating(): Promise<void> {
    await firstValueFrom(this.api.post('/api/v1/auth/impersonation/end')).catch(() => undefined);
    this.clearLocalData();
    await this.router.navigateByUrl('/sign-in');
  }

  /** The refresh failed: the session ended elsewhere (revoked, expired). */
  expired(): void {
    // Only a session the console knew of can expire; a failed probe (GET /me while signed out) is just "signed out".
    if (!this.me()) return;
    const returnUrl = this.router.url;
    this.clearLocalData();
    void this.router.navigate(['/sign-in'], { queryParams: returnUrl && returnUrl !== '/' ? { returnUrl } : {} });
  }

  private clearLocalData(): void {
    localStorage.clear();
    sessionStorage.clear();
    for (const reset of this.resets) reset();
    this.impersonationEnds.set(null);
    this.state.set({ status: 'known', me: null });
  }
}
