import { ValidationFailedError, type FieldProblem, isUuid } from '@quire/core';
import { isPlainObject } from '../schema/plain-data';

export const CONTENT_EXPORT_FORMAT = 'quire.content-export';
export const CONTENT_EXPORT_FORMAT_VERSION = 1;

/** Most problems one refused import lists; the detail says when there were more. */
export const MAX_REPORTED_PROBLEMS = 200;

/** One locale of an exported entry: the working draft (localized values) and the published document, if any. */
export interface ExportedLocale {
  draft: Record<string, unknown>;
  published: Record<string, unknown> | null;
  publishedAt: string | null;
}

export interface ExportedEntry {
  id: string;
  contentType: string;
  /** The entry's shared (not localized) values. */
  shared: Record<string, unknown>;
  locales: Record<string, ExportedLocale>;
}

/** A workspace's content as `GET content-export` writes it and `POST content-import` reads it. */
export interface ContentExport {
  format: typeof CONTENT_EXPORT_FORMAT;
  formatVersion: typeof CONTENT_EXPORT_FORMAT_VERSION;
  exportedAt: string;
  /** The schema snapshot, as `GET content-schema` returns it. */
  schema: Record<string, unknown>;
  entries: ExportedEntry[];
}

/**
 * Checks the shape of an export (not yet the entries' values against their types): every problem at once, with
 * paths like `entries[3].locales.de.publishedAt`. Unknown members are refused so a typo is not silently dropped.
 */
export function readContentExport(body: unknown): ContentExport {
  if (!isPlainObject(body)) throw new ValidationFailedError([{ path: '', message: 'the body must be a JSON object' }]);
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  unknownMembers(body, ['format', 'formatVersion', 'exportedAt', 'schema', 'entries', 'dryRun'], '', add);
  if (body.format !== CONTENT_EXPORT_FORMAT) add('format', `format must be "${CONTENT_EXPORT_FORMAT}"`);
  if (body.formatVersion !== CONTENT_EXPORT_FORMAT_VERSION)
    add('formatVersion', `formatVersion must be ${CONTENT_EXPORT_FORMAT_VERSION}`);
  if (body.exportedAt !== undefined && !isDateTime(body.exportedAt))
    add('exportedAt', 'exportedAt must be an ISO 8601 date-time');
  if (!isPlainObject(body.schema)) add('schema', 'schema must be a schema snapshot object (GET content-schema)');
  if (body.dryRun !== undefined && typeof body.dryRun !== 'boolean') add('dryRun', 'dryRun must be a boolean');
  if (!Array.isArray(body.entries)) add('entries', 'entries must be an array');
  else {
    const seen = new Map<string, number>();
    body.entries.forEach((entry, index) => readEntry(entry, `entries[${index}]`, add, seen, index));
  }
  if (problems.length > 0) throw refusal(problems);
  return body as unknown as ContentExport;
}

function readEntry(
  entry: unknown,
  at: string,
  add: (path: string, message: string) => void,
  seen: Map<string, number>,
  index: number,
): void {
  if (!isPlainObject(entry)) return add(at, 'must be an entry object');
  unknownMembers(entry, ['id', 'contentType', 'shared', 'locales'], at, add);
  if (typeof entry.id !== 'string' || !isUuid(entry.id)) add(`${at}.id`, 'id must be a UUID');
  else {
    const id = entry.id.toLowerCase();
    const first = seen.get(id);
    if (first !== undefined) add(`${at}.id`, `the same id as entries[${first}]`);
    else seen.set(id, index);
  }
  if (typeof entry.contentType !== 'string' || entry.contentType === '')
    add(`${at}.contentType`, 'contentType must be the API id of a content type');
  if (entry.shared !== undefined && !isPlainObject(entry.shared)) add(`${at}.shared`, 'shared must be an object');
  if (!isPlainObject(entry.locales) || Object.keys(entry.locales).length === 0) {
    return add(`${at}.locales`, 'locales must be an object with at least one locale');
  }
  for (const [locale, value] of Object.entries(entry.locales)) {
    const path = `${at}.locales.${locale}`;
    if (!isPlainObject(value)) {
      add(path, 'must be an object { draft, published, publishedAt }');
      continue;
    }
    unknownMembers(value, ['draft', 'published', 'publishedAt'], path, add);
    if (!isPlainObject(value.draft)) add(`${path}.draft`, 'draft must be an object');
    const published = value.published ?? null;
    const publishedAt = value.publishedAt ?? null;
    if (published !== null && !isPlainObject(published))
      add(`${path}.published`, 'published must be an object or null');
    if (publishedAt !== null && !isDateTime(publishedAt))
      add(`${path}.publishedAt`, 'publishedAt must be an ISO 8601 date-time or null');
    if ((published === null) !== (publishedAt === null))
      add(`${path}.publishedAt`, 'published and publishedAt are both set or both null');
  }
}

function unknownMembers(
  value: Record<string, unknown>,
  known: string[],
  at: string,
  add: (path: string, message: string) => void,
): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) add(at ? `${at}.${key}` : key, `unknown member; allowed: ${known.join(', ')}`);
  }
}

function isDateTime(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** A 400 listing at most MAX_REPORTED_PROBLEMS problems. */
export function refusal(problems: FieldProblem[]): ValidationFailedError {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
  const more = problems.length - shown.length;
  return new ValidationFailedError(
    shown,
    more > 0
      ? `The import is invalid; the first ${shown.length} of ${problems.length} problems are listed. Nothing was written.`
      : 'The import is invalid; see errors. Nothing was written.',
  );
}
