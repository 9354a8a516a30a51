import { AbstractControl, FormGroup } from '@angular/forms';
import { ApiProblem, toProblemDetails, type ProblemDetails } from '../api/problem-details';

/**
 * Puts the API's validation errors on the form fields they name (`errors[].path`), as the `api` error that each
 * field's <mat-error> shows. Returns the problem for the form's own summary.
 */
export function showProblemOnForm(form: FormGroup, error: unknown): ProblemDetails {
  const problem = toProblemDetails(error);
  if (error instanceof ApiProblem) {
    for (const [name, control] of Object.entries(form.controls)) {
      const messages = error.fieldErrors(name);
      if (messages.length > 0) setApiError(control, messages.join(' '));
    }
  }
  return problem;
}

function setApiError(control: AbstractControl, message: string): void {
  control.setErrors({ ...(control.errors ?? {}), api: message });
  control.markAsTouched();
}

/** The message a field shows: the API's first, else one for the client-side rule that failed. */
export function fieldError(control: AbstractControl): string | null {
  const errors = control.errors;
  if (!errors) return null;
  if (typeof errors['api'] === 'string') return errors['api'];
  if (errors['required']) return $localize`:@@form.required:Required`;
  if (errors['email']) return $localize`:@@form.email:Enter an email address`;
  if (errors['minlength']) {
    return $localize`:@@form.minlength:At least ${(errors['minlength'] as { requiredLength: number }).requiredLength}:min: characters`;
  }
  if (errors['pattern']) return $localize`:@@form.pattern:Not in the expected format`;
  return $localize`:@@form.invalid:Invalid value`;
}

/**
 * A safe place to go after signing in: a path of this console, never another site (no open redirect). Without
 * one, `/start` opens the user's workspace (guards.ts `openWorkspace`).
 */
export function safeReturnUrl(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/start';
}
