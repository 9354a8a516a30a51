import { AbstractControl, FormGroup } from '@angular/forms';
import { ApiProblem } from '../../api/problem-details';
import type { FieldDraft } from './field-draft';

/** `fields[2].target`, `definition.fields[2].values[1]`, `fields[2].options.target` → field 2, key `target`. */
const FIELD_PATH = /^fields\[(\d+)\](?:\.(?:options\.)?([A-Za-z]+))?/;

/**
 * Puts the API's validation errors of a definition where they belong: a field's option on that field's input (its
 * editor opened), a problem of the field as a whole on the field, the type's own members (`name`, `apiId`,
 * `options.seo`…) on the type's inputs. Returns what found no place, for the summary above the form. `fields`
 * are the drafts in the order they were sent, since the paths count from there.
 */
export function showTypeProblems(error: unknown, typeForm: FormGroup, fields: readonly FieldDraft[]): string[] {
  if (!(error instanceof ApiProblem)) return [];
  const unplaced: string[] = [];
  for (const { path: rawPath, message } of error.problem.errors ?? []) {
    const path = rawPath.replace(/^definition\./, '');
    const match = FIELD_PATH.exec(path);
    if (match) {
      const draft = fields[Number(match[1])];
      if (!draft) {
        unplaced.push(`${rawPath}: ${message}`);
        continue;
      }
      draft.expanded.set(true);
      const key = match[2];
      if (!key || !draft.showApiError(key, message)) {
        draft.problems.update((list) => [...list, key ? `${key}: ${message}` : message]);
      }
      continue;
    }
    const key = path.replace(/^options\./, '');
    const control = typeForm.get(key);
    if (control) setApiError(control, message);
    else unplaced.push(rawPath ? `${rawPath}: ${message}` : message);
  }
  return unplaced;
}

function setApiError(control: AbstractControl, message: string): void {
  const previous = typeof control.errors?.['api'] === 'string' ? `${control.errors['api']} ` : '';
  control.setErrors({ ...(control.errors ?? {}), api: previous + message });
  control.markAsTouched();
}
