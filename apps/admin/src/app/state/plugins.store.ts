import { computed, inject, Injectable, signal } from '@angular/core';
import { Subscription } from 'rxjs';
import { AdminNavEntry, LoadedPluginSummary, PluginsApi } from '../api/plugins.api';
import { toProblemDetails } from '../api/problem-details';
import { Remote } from './remote';

/** A plugin's nav entry, with the plugin it comes from (its route is relative to the current workspace). */
export interface PluginNavItem extends AdminNavEntry {
  plugin: string;
}

/**
 * The loaded plugins, fetched once and shared: the side navigation and the Plugins page read the same list,
 * so the console makes one request and both always agree.
 */
@Injectable({ providedIn: 'root' })
export class PluginsStore {
  private readonly api = inject(PluginsApi);
  private readonly state = signal<Remote<LoadedPluginSummary[]>>({ status: 'loading' });
  private request?: Subscription;

  readonly plugins = this.state.asReadonly();

  readonly navItems = computed<PluginNavItem[]>(() => {
    const state = this.state();
    if (state.status !== 'ready') return [];
    return state.value.flatMap((plugin) =>
      (plugin.contributes.admin.nav ?? []).map((entry) => ({
        ...entry,
        plugin: plugin.name,
      })),
    );
  });

  constructor() {
    this.load();
  }

  load(): void {
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.request = this.api.list().subscribe({
      next: (plugins) => this.state.set({ status: 'ready', value: plugins }),
      error: (error: unknown) => this.state.set({ status: 'error', problem: toProblemDetails(error) }),
    });
  }
}
