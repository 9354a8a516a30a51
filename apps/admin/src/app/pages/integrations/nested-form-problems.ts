import { AbstractControl, FormGroup } from '@angular/forms';
import { ApiProblem, toProblemDetails, type ProblemDetails } from '../../api/problem-details';

/**
 * Like `showProblemOnForm` (shared/form-problems.ts), for forms with arrays: each `errors[].path`
 * (`stages.1.key`, `transitions.0.roles.1`, `events[2]`) lands on the deepest control the path reaches, as its
 * `api` error. Errors that reach no control stay in the returned problem for the form's summary.
 */
export function showNestedProblemOnForm(form: FormGroup, error: unknown): ProblemDetails {
  const problem = toProblemDetails(error);
  if (!(error instanceof ApiProblem)) return problem;
  const messages = new Map<AbstractControl, string[]>();
  for (const fieldProblem of problem.errors ?? []) {
    const control = deepestControl(form, fieldProblem.path.replace(/\[(\d+)\]/g, '.$1').split('.'));
    if (control) messages.set(control, [...(messages.get(control) ?? []), fieldProblem.message]);
  }
  for (const [control, texts] of messages) {
    control.setErrors({ ...(control.errors ?? {}), api: texts.join(' ') });
    control.markAsTouched();
  }
  return problem;
}

function deepestControl(form: FormGroup, segments: string[]): AbstractControl | null {
  for (let length = segments.length; length > 0; length--) {
    const control = form.get(segments.slice(0, length));
    if (control && control !== form) return control;
  }
  return null;
}
