import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import { ApiProblem } from '../../api/problem-details';

export type LockState =
  | { kind: 'none' }
  | { kind: 'mine' }
  | { kind: 'other'; holder: string }
  /** The member may read the entry but not change it (a viewer, an author on someone else's entry). */
  | { kind: 'forbidden' };

const HEARTBEAT_MS = 30_000;

/**
 * The editor's soft lock on an entry (docs/content/locking.md): taken when the entry opens, renewed every 30
 * seconds, released when the editor closes. Another member's live lock shows who holds it; taking it over is the
 * member's choice. The API's 403 on taking it says the member may not change this entry.
 */
@Injectable()
export class EntryLock {
  private readonly api = inject(ApiClient);
  private target: { workspace: string; id: string } | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  readonly state = signal<LockState>({ kind: 'none' });
  /** The API's warning after a takeover (unsaved work of the previous holder may be lost). */
  readonly warning = signal<string | null>(null);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  async start(workspace: string, id: string): Promise<void> {
    this.stop();
    this.target = { workspace, id };
    await this.acquire(false);
    this.timer = setInterval(() => {
      if (this.state().kind === 'mine') void this.acquire(false);
    }, HEARTBEAT_MS);
  }

  async takeOver(): Promise<void> {
    await this.acquire(true);
  }

  /** After the event stream reported a lock change on this entry. */
  async recheck(): Promise<void> {
    if (this.target && this.state().kind !== 'forbidden') await this.acquireIfFree();
  }

  stop(): void {
    clearInterval(this.timer);
    const target = this.target;
    if (target && this.state().kind === 'mine') {
      this.api
        .delete('/api/v1/workspaces/{workspace}/entries/{id}/lock', { path: target, silent: true })
        .subscribe({ error: () => undefined });
    }
    this.target = null;
    this.state.set({ kind: 'none' });
  }

  private async acquire(takeOver: boolean): Promise<void> {
    if (!this.target) return;
    try {
      const answer = await firstValueFrom(
        this.api.put('/api/v1/workspaces/{workspace}/entries/{id}/lock', {
          path: this.target,
          body: { takeOver },
          silent: true,
        }),
      );
      this.state.set({ kind: 'mine' });
      this.warning.set(answer.warning);
    } catch (error) {
      if (error instanceof ApiProblem && error.response?.status === 403) this.state.set({ kind: 'forbidden' });
      else if (error instanceof ApiProblem && error.response?.status === 409) await this.readHolder();
    }
  }

  /** Someone else's lock: take it once it is gone, else show who has it. */
  private async acquireIfFree(): Promise<void> {
    if (!this.target) return;
    const { lock } = await firstValueFrom(
      this.api.get('/api/v1/workspaces/{workspace}/entries/{id}/lock', { path: this.target, silent: true }),
    ).catch(() => ({ lock: null }));
    if (!lock) await this.acquire(false);
    else if (lock.heldByYou) this.state.set({ kind: 'mine' });
    else this.state.set({ kind: 'other', holder: lock.holder.displayName ?? lock.holder.id });
  }

  private async readHolder(): Promise<void> {
    if (!this.target) return;
    const { lock } = await firstValueFrom(
      this.api.get('/api/v1/workspaces/{workspace}/entries/{id}/lock', { path: this.target, silent: true }),
    ).catch(() => ({ lock: null }));
    if (lock && !lock.heldByYou) this.state.set({ kind: 'other', holder: lock.holder.displayName ?? lock.holder.id });
  }
}
