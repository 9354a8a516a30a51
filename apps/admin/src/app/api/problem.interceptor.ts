import { HttpContextToken, HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { ErrorToasts } from '../shared/error-toasts';
import { ApiProblem, toProblemDetails } from './problem-details';

/** Set on a request whose caller shows or expects the failure itself: no toast. */
export const SILENT_ERRORS = new HttpContextToken<boolean>(() => false);

/**
 * Turns every failed `/api` call into an `ApiProblem` (RFC 9457 problem details with field errors) and shows it as
 * an error toast, so no screen fails silently. 401s are the session's business (auth.interceptor), not a toast.
 */
export const problemInterceptor: HttpInterceptorFn = (request, next) => {
  const toasts = inject(ErrorToasts);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (!request.url.startsWith('/api/')) return throwError(() => error);
      const problem = new ApiProblem(toProblemDetails(error), error instanceof HttpErrorResponse ? error : undefined);
      if (!request.context.get(SILENT_ERRORS) && problem.problem.status !== 401) toasts.show(problem.problem);
      return throwError(() => problem);
    }),
  );
};
