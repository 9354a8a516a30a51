/** One problem of a list query; `path` is the parameter as the client wrote it, e.g. `filter[title][regex]`. */
export interface ListQueryIssue {
  path: string;
  message: string;
}

/**
 * A list query the client got wrong: maps to a 400 problem+json whose `errors` are these issues.
 * It carries every problem of the query, so a client can fix them all in one round trip.
 */
export class ListQueryError extends Error {
  readonly code = 'core.invalid-list-query';

  constructor(readonly errors: ListQueryIssue[]) {
    super(summarize(errors));
    this.name = 'ListQueryError';
  }
}

function summarize(errors: ListQueryIssue[]): string {
  const shown = errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`);
  const more = errors.length > shown.length ? `; and ${errors.length - shown.length} more` : '';
  return `Invalid list query: ${shown.join('; ')}${more}`;
}
