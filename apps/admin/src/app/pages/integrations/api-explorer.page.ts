import { HttpClient, HttpContext, HttpErrorResponse, HttpParams, type HttpHeaders } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { fillPath } from '../../api/api-client';
import { ApiProblem } from '../../api/problem-details';
import { SILENT_ERRORS } from '../../api/problem.interceptor';
import { WorkspacesStore } from '../../state/workspaces.store';
import { addToHistory, clearHistory, readHistory, type HistoryEntry } from './explorer-history';
import { endpointsOf, groupEndpoints, type Endpoint, type OpenApiDocument } from './openapi-catalog';

interface ExplorerResponse {
  status: number;
  statusText: string;
  durationMs: number;
  headers: Array<[string, string]>;
  body: string;
}

/**
 * Try the API from the console: pick an endpoint of the OpenAPI document (search, grouped by tag), fill its path
 * and query parameters and JSON body, and send it as the signed-in member — through HttpClient, so the session
 * cookie and the CSRF header go along as with every console call. The answer shows with status, time and headers;
 * the last 50 requests (not their answers) are kept in this browser to run again.
 */
@Component({
  selector: 'quire-api-explorer-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatFormField, MatLabel, MatInput, MatHint],
  templateUrl: './api-explorer.page.html',
  styleUrls: ['../members/members.scss', './integrations.scss', './api-explorer.page.scss'],
})
export class ApiExplorerPage {
  private readonly http = inject(HttpClient);
  private readonly slug = inject(WorkspacesStore).currentSlugValue() ?? '';

  protected readonly endpoints = signal<Endpoint[] | null>(null);
  protected readonly loadFailed = signal(false);
  protected readonly search = signal('');
  protected readonly groups = computed(() => groupEndpoints(this.endpoints() ?? [], this.search()));
  protected readonly selected = signal<Endpoint | null>(null);
  protected readonly pathValues = signal<Partial<Record<string, string>>>({});
  protected readonly queryValues = signal<Partial<Record<string, string>>>({});
  protected readonly extraQuery = signal('');
  protected readonly body = signal('');
  protected readonly formError = signal<string | null>(null);
  protected readonly sending = signal(false);
  protected readonly response = signal<ExplorerResponse | null>(null);
  protected readonly history = signal<HistoryEntry[]>(readHistory());

  constructor() {
    this.http
      .get<OpenApiDocument>('/api/docs-json', { context: new HttpContext().set(SILENT_ERRORS, true) })
      .subscribe({
        next: (document) => this.endpoints.set(endpointsOf(document)),
        error: () => {
          this.loadFailed.set(true);
          this.endpoints.set([]);
        },
      });
  }

  protected select(endpoint: Endpoint): void {
    this.selected.set(endpoint);
    this.pathValues.set(
      Object.fromEntries(
        endpoint.pathParameters.map((parameter) => [parameter.name, parameter.name === 'workspace' ? this.slug : '']),
      ),
    );
    this.queryValues.set({});
    this.extraQuery.set('');
    this.body.set(endpoint.exampleBody);
    this.formError.set(null);
    this.response.set(null);
  }

  protected setPathValue(name: string, event: Event): void {
    this.pathValues.update((values) => ({ ...values, [name]: (event.target as HTMLInputElement).value }));
  }

  protected setQueryValue(name: string, event: Event): void {
    this.queryValues.update((values) => ({ ...values, [name]: (event.target as HTMLInputElement).value }));
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement | HTMLTextAreaElement).value;
  }

  protected async send(): Promise<void> {
    const endpoint = this.selected();
    if (!endpoint || this.sending()) return;
    this.formError.set(null);
    const missing = endpoint.pathParameters.filter((parameter) => !this.pathValues()[parameter.name]?.trim());
    if (missing.length > 0) {
      this.formError.set(
        $localize`:@@integrations.explorer.missing:Fill in the path parameters: ${missing.map((p) => p.name).join(', ')}:names:`,
      );
      return;
    }
    let body: unknown = undefined;
    if (endpoint.hasBody && this.body().trim()) {
      try {
        body = JSON.parse(this.body());
      } catch (error) {
        this.formError.set(
          $localize`:@@integrations.explorer.badJson:The body is not valid JSON: ${(error as Error).message}:reason:`,
        );
        return;
      }
    }
    const pathValues = Object.fromEntries(
      Object.entries(this.pathValues()).map(([key, value]) => [key, (value ?? '').trim()]),
    );
    const path = fillPath(endpoint.path, pathValues);
    const params = this.params();
    this.sending.set(true);
    const started = performance.now();
    const answer = await this.request(endpoint.method, path, params, body);
    const durationMs = Math.round(performance.now() - started);
    this.sending.set(false);
    this.response.set({ ...answer, durationMs });
    this.history.set(
      addToHistory({
        endpointId: endpoint.id,
        method: endpoint.method,
        path,
        pathParameters: pathValues,
        query: params.toString(),
        body: endpoint.hasBody ? this.body() : '',
        status: answer.status,
        durationMs,
        at: new Date().toISOString(),
      }),
    );
  }

  /** Puts a request of the history back into the form and sends it again. */
  protected async rerun(entry: HistoryEntry): Promise<void> {
    const endpoint = this.endpoints()?.find((each) => each.id === entry.endpointId);
    if (!endpoint) {
      this.formError.set($localize`:@@integrations.explorer.gone:This endpoint is no longer in the API.`);
      return;
    }
    this.select(endpoint);
    this.pathValues.set({ ...this.pathValues(), ...entry.pathParameters });
    const known = new Set(endpoint.queryParameters.map((parameter) => parameter.name));
    const query = new URLSearchParams(entry.query);
    const values: Record<string, string> = {};
    const extra = new URLSearchParams();
    query.forEach((value, name) => (known.has(name) ? (values[name] = value) : extra.append(name, value)));
    this.queryValues.set(values);
    this.extraQuery.set(extra.toString());
    this.body.set(entry.body);
    await this.send();
  }

  protected clearHistory(): void {
    clearHistory();
    this.history.set([]);
  }

  private params(): HttpParams {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(this.queryValues())) {
      if (value?.trim()) params = params.set(name, value.trim());
    }
    new URLSearchParams(this.extraQuery().trim().replace(/^\?/, '')).forEach((value, name) => {
      params = params.append(name, value);
    });
    return params;
  }

  private async request(
    method: string,
    path: string,
    params: HttpParams,
    body: unknown,
  ): Promise<Omit<ExplorerResponse, 'durationMs'>> {
    try {
      const response = await firstValueFrom(
        this.http.request(method, path, {
          body,
          params,
          observe: 'response',
          responseType: 'text',
          // The answer is shown here, whatever it is: no error toast.
          context: new HttpContext().set(SILENT_ERRORS, true),
        }),
      );
      return {
        status: response.status,
        statusText: response.statusText,
        headers: headerList(response.headers),
        body: pretty(response.body ?? ''),
      };
    } catch (error) {
      const failure = error instanceof ApiProblem ? error.response : error instanceof HttpErrorResponse ? error : null;
      if (!failure) {
        return { status: 0, statusText: String(error), headers: [], body: '' };
      }
      return {
        status: failure.status,
        statusText: failure.statusText,
        headers: headerList(failure.headers),
        body: pretty(typeof failure.error === 'string' ? failure.error : JSON.stringify(failure.error ?? '')),
      };
    }
  }
}

function headerList(headers: HttpHeaders): Array<[string, string]> {
  return headers
    .keys()
    .sort()
    .map((name) => [name, headers.getAll(name)?.join(', ') ?? '']);
}

/** JSON indented; anything else as it came. */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
