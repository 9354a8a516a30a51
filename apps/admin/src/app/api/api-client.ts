import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { paths } from './generated/openapi';
import { SILENT_ERRORS } from './problem.interceptor';

/**
 * A typed client over HttpClient keyed by the generated `paths` (openapi-typescript output of /api/docs-json):
 * the path template and method pick the path parameters, the query, the body and the response type, so a renamed
 * route or a changed DTO fails the console's build instead of a screen at run time.
 */
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
export type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends undefined | never ? never : P;
}[keyof paths];

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type RequestBody<O> = O extends { requestBody?: infer R } ? JsonBody<NonNullable<R>> : never;
type SuccessResponse<R> = R extends { 200: infer S }
  ? S
  : R extends { 201: infer S }
    ? S
    : R extends { 202: infer S }
      ? S
      : never;
/** The success body (200, 201 or 202); `void` for 204 and bodiless answers. */
export type ResponseOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? JsonBody<SuccessResponse<R>> extends never
      ? void
      : JsonBody<SuccessResponse<R>>
    : never;
export type BodyOf<P extends keyof paths, M extends Method> = RequestBody<Operation<P, M>>;
type PathParams<O> = O extends { parameters: { path: infer T } } ? (T extends undefined | never ? never : T) : never;
type QueryParams<O> = O extends { parameters: { query?: infer T } } ? T : never;

export interface CallOptions<P extends keyof paths, M extends Method> {
  path?: PathParams<Operation<P, M>>;
  query?: QueryParams<Operation<P, M>>;
  body?: BodyOf<P, M>;
  /** The caller shows the problem itself (e.g. on form fields) or expects the failure (a session probe). */
  silent?: boolean;
}

@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);

  get<P extends PathsWith<'get'>>(path: P, options: CallOptions<P, 'get'> = {}): Observable<ResponseOf<P, 'get'>> {
    return this.call('GET', path, options);
  }
  post<P extends PathsWith<'post'>>(path: P, options: CallOptions<P, 'post'> = {}): Observable<ResponseOf<P, 'post'>> {
    return this.call('POST', path, options);
  }
  put<P extends PathsWith<'put'>>(path: P, options: CallOptions<P, 'put'> = {}): Observable<ResponseOf<P, 'put'>> {
    return this.call('PUT', path, options);
  }
  patch<P extends PathsWith<'patch'>>(
    path: P,
    options: CallOptions<P, 'patch'> = {},
  ): Observable<ResponseOf<P, 'patch'>> {
    return this.call('PATCH', path, options);
  }
  delete<P extends PathsWith<'delete'>>(
    path: P,
    options: CallOptions<P, 'delete'> = {},
  ): Observable<ResponseOf<P, 'delete'>> {
    return this.call('DELETE', path, options);
  }

  private call<T>(
    method: string,
    template: string,
    options: { path?: unknown; query?: unknown; body?: unknown; silent?: boolean },
  ): Observable<T> {
    return this.http.request<T>(method, fillPath(template, options.path as Record<string, string> | undefined), {
      body: options.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}),
      params: options.query ? toParams(options.query as Record<string, unknown>) : undefined,
      context: new HttpContext().set(SILENT_ERRORS, options.silent ?? false),
    });
  }
}

export function fillPath(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${template}`);
    return encodeURIComponent(value);
  });
}

/**
 * The query in the API's list language (docs/list-queries.md): nested objects become bracket keys
 * (`{ filter: { occurredAt: { gte: t } } }` → `filter[occurredAt][gte]=t`) and arrays comma lists (`in`, `sort`,
 * `fields`), since the API refuses a repeated parameter. Empty strings, null and undefined are left out.
 */
export function toParams(query: Record<string, unknown> | undefined, params = new HttpParams()): HttpParams {
  if (!query) return params;
  const add = (key: string, value: unknown): void => {
    if (value === undefined || value === null || value === '') return;
    if (Array.isArray(value)) {
      if (value.length > 0) params = params.set(key, value.map(String).join(','));
    } else if (value instanceof Date) {
      params = params.set(key, value.toISOString());
    } else if (typeof value === 'object') {
      for (const [name, inner] of Object.entries(value)) add(`${key}[${name}]`, inner);
    } else {
      params = params.set(key, String(value));
    }
  };
  for (const [key, value] of Object.entries(query)) add(key, value);
  return params;
}
