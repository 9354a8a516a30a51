import { ValidationFailedError, type FieldProblem } from '@quire/core';
import type { RequestType } from './data-subject-request.types';
import { RectificationEmailError } from './data-subject-request.errors';

const DISPLAY_NAME_MAX = 100;
const NOTE_MAX = 2000;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/** Which members each type's `details` may have. */
const ALLOWED: Record<RequestType, string[]> = {
  access: ['note'],
  portability: ['note'],
  erasure: ['note'],
  rectification: ['displayName', 'language', 'note'],
  restriction: ['note'],
  objection: ['purposes', 'note'],
};

/**
 * Checks a request's `details` for its type, so a request that could never be applied is refused when made (400
 * naming each member and rule), not weeks later when an administrator completes it.
 */
export function checkRequestDetails(type: RequestType, details: Record<string, unknown>): Record<string, unknown> {
  if (type === 'rectification' && 'email' in details) throw new RectificationEmailError();
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(details)) {
    if (!ALLOWED[type].includes(key)) {
      problems.push({
        path: `details.${key}`,
        message: `is not a detail of ${type} requests (${ALLOWED[type].join(', ')})`,
      });
    }
  }
  const text = (key: string, max: number) => {
    const value = details[key];
    if (value === undefined) return;
    if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
      problems.push({ path: `details.${key}`, message: `must be a non-empty text of at most ${max} characters` });
    }
  };
  text('note', NOTE_MAX);
  if (type === 'rectification') {
    text('displayName', DISPLAY_NAME_MAX);
    const language = details['language'];
    if (language !== undefined && (typeof language !== 'string' || !LANGUAGE_TAG.test(language))) {
      problems.push({ path: 'details.language', message: 'must be a language tag such as en or pt-BR' });
    }
    if (details['displayName'] === undefined && language === undefined) {
      problems.push({ path: 'details', message: 'name what to correct: displayName and/or language' });
    }
  }
  if (type === 'objection' && details['purposes'] !== undefined) {
    const purposes = details['purposes'];
    if (!Array.isArray(purposes) || purposes.some((p) => typeof p !== 'string' || p.length === 0 || p.length > 100)) {
      problems.push({ path: 'details.purposes', message: 'must be a list of purpose names' });
    }
  }
  if (problems.length > 0) throw new ValidationFailedError(problems, 'The request details are not valid for its type.');
  return details;
}
