import { computed, inject, Injectable, signal } from '@angular/core';
import type { MongoAbility, RawRuleOf } from '@casl/ability';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../api/api-client';
import { toProblemDetails } from '../api/problem-details';
import { MemberAbility } from './member-ability';
import { Remote } from './remote';
import { SessionStore } from './session.store';

export type Workspace = ResponseOf<'/api/v1/workspaces/{workspace}', 'get'>;

/**
 * The signed-in user's workspaces, the one being worked in, and the member's permissions there: the CASL rules
 * of GET /workspaces/{workspace}/my-ability loaded into a CASL ability (MemberAbility), so screens hide what the API
 * would refuse, from the same rules.
 */
@Injectable({ providedIn: 'root' })
export class WorkspacesStore {
  private readonly api = inject(ApiClient);
  private readonly ability = inject(MemberAbility);
  private readonly state = signal<Remote<Workspace[]>>({ status: 'loading' });
  private readonly currentSlug = signal<string | null>(null);
  private loadedFor: string | null = null;

  readonly list = this.state.asReadonly();
  readonly current = computed(() => {
    const state = this.state();
    const slug = this.currentSlug();
    return state.status === 'ready' ? (state.value.find((w) => w.slug === slug) ?? null) : null;
  });
  readonly currentSlugValue = this.currentSlug.asReadonly();

  constructor() {
    inject(SessionStore).onSignOut(() => this.reset());
  }

  load(): void {
    this.state.set({ status: 'loading' });
    this.api.get('/api/v1/workspaces').subscribe({
      next: (workspaces) => this.state.set({ status: 'ready', value: workspaces }),
      error: (error: unknown) => this.state.set({ status: 'error', problem: toProblemDetails(error) }),
    });
  }

  /** Enter a workspace: its permissions first, so guards and navigation decide from the member's rules. */
  async enter(slug: string): Promise<boolean> {
    if (this.loadedFor === slug) return true;
    try {
      const { rules } = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/my-ability', { path: { workspace: slug } }),
      );
      this.ability.update(rules as RawRuleOf<MongoAbility>[]);
      this.loadedFor = slug;
      this.currentSlug.set(slug);
      if (this.state().status !== 'ready') this.load();
      // Remember it server-side, so the next sign-in opens here (no local storage).
      this.api.put('/api/v1/me/active-workspace', { body: { workspace: slug }, silent: true }).subscribe({
        error: () => undefined,
      });
      return true;
    } catch {
      return false;
    }
  }

  can(action: string, subject: string): boolean {
    return this.ability.can(action, subject);
  }

  /** After a create, rename or slug change. */
  upsert(workspace: Workspace): void {
    const state = this.state();
    const others = state.status === 'ready' ? state.value.filter((w) => w.id !== workspace.id) : [];
    this.state.set({
      status: 'ready',
      value: [...others, workspace].sort((a, b) => a.name.localeCompare(b.name)),
    });
    if (this.loadedFor && this.current()?.id === workspace.id) {
      this.loadedFor = workspace.slug;
      this.currentSlug.set(workspace.slug);
    }
  }

  private reset(): void {
    this.state.set({ status: 'loading' });
    this.currentSlug.set(null);
    this.loadedFor = null;
    this.ability.update([]);
  }
}
