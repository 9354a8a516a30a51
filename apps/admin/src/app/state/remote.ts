import { ProblemDetails } from '../api/problem-details';

/** What the UI knows about data it fetches: still loading, loaded, or failed with problem details. */
export type Remote<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; problem: ProblemDetails };
