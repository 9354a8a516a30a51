import { HttpErrorResponse, HttpEvent, HttpInterceptorFn, HttpRequest, HttpResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, filter, finalize, Observable, share, switchMap, take, tap, throwError } from 'rxjs';
import { SessionStore } from '../state/session.store';

/** Routes where a 401 is an answer (wrong password, no session yet), not an expired access token. */
const NO_REFRESH = /^\/api\/v1\/(auth\/|invitations\/[^/]+\/sign-up)/;
const REFRESH_URL = '/api/v1/auth/refresh';

let refreshing: Observable<unknown> | null = null;

/**
 * The one place the console refreshes its session (ADR 0010): a 401 on any other call refreshes once with the
 * httpOnly refresh cookie — shared by the calls that fail together — and retries; if that fails too the session
 * is over and the store sends the user to sign-in. It also reads the impersonation headers of every answer.
 */
export const sessionInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(SessionStore);
  const observe = tap<HttpEvent<unknown>>({
    next: (event) => {
      if (event instanceof HttpResponse) session.noteImpersonation(event.headers.get('Quire-Impersonation-Expires'));
    },
    error: (error: unknown) => {
      if (error instanceof HttpErrorResponse)
        session.noteImpersonation(error.headers.get('Quire-Impersonation-Expires'));
    },
  });
  if (!request.url.startsWith('/api/')) return next(request);
  if (NO_REFRESH.test(request.url)) return next(request).pipe(observe);
  return next(request).pipe(
    observe,
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
      refreshing ??= next(refreshRequest(request)).pipe(
        // The answer, not the "sent" event: the retry must carry the new cookies.
        filter((event) => event instanceof HttpResponse),
        take(1),
        finalize(() => (refreshing = null)),
        share(),
      );
      return refreshing.pipe(
        catchError(() => {
          session.expired();
          return throwError(() => error);
        }),
        switchMap(() => next(withFreshCsrf(request)).pipe(observe)),
      );
    }),
  );
};

function refreshRequest(original: HttpRequest<unknown>): HttpRequest<unknown> {
  return new HttpRequest('POST', REFRESH_URL, {}, { headers: original.headers.delete('X-CSRF-Token') }).clone({
    setHeaders: csrfHeader(),
  });
}

/** The refresh rotated the CSRF cookie: a retried POST must echo the new one. */
function withFreshCsrf(request: HttpRequest<unknown>): HttpRequest<unknown> {
  return request.method === 'GET' ? request : request.clone({ setHeaders: csrfHeader() });
}

function csrfHeader(): Record<string, string> {
  const match = /(?:^|;\s*)quire_csrf=([^;]*)/.exec(document.cookie);
  return match ? { 'X-CSRF-Token': decodeURIComponent(match[1]) } : {};
}
