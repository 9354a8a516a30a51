/**
 * One way a type definition or an entry breaks the rules: where (`fields[2].maxLength`, `blocks[1].heading`; `''`
 * for the value as a whole) and which rule, in words (`must be at most 120 characters`). Never the value itself.
 */
export interface SchemaProblem {
  path: string;
  message: string;
}

/** `blocks[1].heading` from the segments `['blocks', 1, 'heading']`. */
export function joinPath(segments: readonly (string | number)[]): string {
  return segments.reduce<string>(
    (acc, segment) => (typeof segment === 'number' ? `${acc}[${segment}]` : acc === '' ? segment : `${acc}.${segment}`),
    '',
  );
}

/** Appends one segment to a path already joined. */
export function childPath(parent: string, segment: string | number): string {
  return joinPath(parent === '' ? [segment] : [parent, segment]);
}
