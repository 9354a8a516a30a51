import { HttpInterceptorFn } from '@angular/common/http';

/** Read by script on purpose: the CSRF token is the one cookie that is not httpOnly (ADR 0015). */
const CSRF_COOKIE = 'quire_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The console keeps its session in httpOnly cookies: it asks every token-issuing route for cookies
 * (`Quire-Token-Delivery: cookie`), so no token ever reaches script, and echoes the readable CSRF cookie in
 * `X-CSRF-Token` on every state-changing call.
 */
export const credentialsInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith('/api/')) return next(request);
  let headers = request.headers.set('Quire-Token-Delivery', 'cookie');
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf && !SAFE_METHODS.has(request.method)) headers = headers.set('X-CSRF-Token', csrf);
  return next(request.clone({ headers }));
};

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}
