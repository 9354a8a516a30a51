import { inject, Injectable, Injector } from '@angular/core';
import type { ProblemDetails } from '../api/problem-details';

/**
 * Error toasts carrying the API's problem details: title, detail and the field errors. MatSnackBar is loaded on
 * the first error only, so it costs nothing in the initial bundle.
 */
@Injectable({ providedIn: 'root' })
export class ErrorToasts {
  private readonly injector = inject(Injector);

  show(problem: ProblemDetails): void {
    const lines = [
      problem.title,
      problem.detail,
      ...(problem.errors ?? []).map((e) => `${e.path}: ${e.message}`),
    ].filter((line): line is string => !!line);
    void import('@angular/material/snack-bar').then(({ MatSnackBar }) =>
      this.injector.get(MatSnackBar).open(lines.join(' — '), $localize`:@@toast.dismiss:Dismiss`, {
        duration: 8000,
        politeness: 'assertive',
        panelClass: 'quire-error-toast',
      }),
    );
  }
}
