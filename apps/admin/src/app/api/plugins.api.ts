import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable, timeout } from 'rxjs';

/** Past this the Plugins page shows an error with a retry instead of loading forever. */
const LIST_TIMEOUT_MS = 15_000;

// These types mirror `LoadedPluginSummary` in libs/core (the server's response shape).
// They are copied, not imported, because libs/core pulls in NestJS and TypeORM types.

export interface AdminNavEntry {
  id: string;
  label: string;
  /** A Material Symbols icon name; the console draws the ones it knows and falls back to a letter. */
  icon?: string;
  route: string;
  /** [action, subject]: shown only to members whose ability allows it. */
  requires?: [string, string];
}

export interface LoadedPluginSummary {
  name: string;
  version: string;
  description?: string;
  requires: Record<string, string>;
  contributes: {
    permissions: { subjects: string[]; actions: string[] };
    tables: string[];
    jobs: string[];
    retention: string[];
    dataInventory: string[];
    settings: boolean;
    admin: { nav?: AdminNavEntry[]; settingsForm?: 'from-schema' };
  };
}

export interface PluginListResponse {
  data: LoadedPluginSummary[];
}

/** Typed client for `GET /api/v1/plugins`. */
@Injectable({ providedIn: 'root' })
export class PluginsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<LoadedPluginSummary[]> {
    return this.http.get<PluginListResponse>('/api/v1/plugins').pipe(
      timeout(LIST_TIMEOUT_MS),
      map((response) => response.data),
    );
  }
}
