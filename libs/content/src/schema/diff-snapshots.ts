// Another name for field-diff.ts, which some callers import by the function's name.
export { diffSnapshots } from './field-diff';
