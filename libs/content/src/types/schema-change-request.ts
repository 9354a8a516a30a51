import { ValidationFailedError, type FieldProblem } from '@quire/core';

/** What a schema change may do to existing values that the new definition no longer holds or accepts. */
export const MIGRATIONS = ['reset-invalid-values', 'drop-data'] as const;
export type SchemaMigration = (typeof MIGRATIONS)[number];

/** How far a migration option lets a change go: `reset-invalid-values` is the stronger and allows dropping data too. */
export interface MigrationAllowance {
  dropData: boolean;
  resetInvalid: boolean;
}

export function allowanceOf(migration: SchemaMigration | undefined): MigrationAllowance {
  return { dropData: migration !== undefined, resetInvalid: migration === 'reset-invalid-values' };
}

export interface SchemaChangeOptions {
  /** Old field name → new name: the values follow. A name missing here that disappears is a removal. */
  renames: Record<string, string>;
  migration?: SchemaMigration;
  dryRun: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads `renames`, `migration` and `dryRun` of a request body; every problem is named (400). */
export function readChangeOptions(
  body: Record<string, unknown>,
  problems: FieldProblem[],
  prefix = '',
): SchemaChangeOptions {
  const at = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const options: SchemaChangeOptions = { renames: {}, dryRun: false };
  if (body.renames !== undefined) {
    if (!isObject(body.renames))
      problems.push({ path: at('renames'), message: 'renames must be an object of old name → new name' });
    else {
      const targets = new Set<string>();
      for (const [from, to] of Object.entries(body.renames)) {
        if (typeof to !== 'string' || to === '')
          problems.push({ path: at(`renames.${from}`), message: 'must be the new field name (a string)' });
        else if (to === from) problems.push({ path: at(`renames.${from}`), message: 'must differ from the old name' });
        else if (targets.has(to))
          problems.push({ path: at(`renames.${from}`), message: `"${to}" is the target of two renames` });
        else {
          targets.add(to);
          options.renames[from] = to;
        }
      }
    }
  }
  if (body.migration !== undefined) {
    if (typeof body.migration !== 'string' || !(MIGRATIONS as readonly string[]).includes(body.migration))
      problems.push({ path: at('migration'), message: `migration must be one of ${MIGRATIONS.join(', ')}` });
    else options.migration = body.migration as SchemaMigration;
  }
  if (body.dryRun !== undefined) {
    if (typeof body.dryRun !== 'boolean') problems.push({ path: at('dryRun'), message: 'dryRun must be a boolean' });
    else options.dryRun = body.dryRun;
  }
  return options;
}

/** The body of PUT content-types/{apiId}: a full new definition plus how to treat existing entries. */
export function readUpdateRequest(body: unknown): SchemaChangeOptions & { definition: unknown } {
  const problems: FieldProblem[] = [];
  if (!isObject(body)) throw new ValidationFailedError([{ path: '', message: 'the body must be a JSON object' }]);
  const known = new Set(['definition', 'renames', 'migration', 'dryRun']);
  for (const key of Object.keys(body))
    if (!known.has(key)) problems.push({ path: key, message: `unknown member; allowed: ${[...known].join(', ')}` });
  if (!isObject(body.definition))
    problems.push({ path: 'definition', message: 'definition must be a content type definition object' });
  const options = readChangeOptions(body, problems);
  if (problems.length) throw new ValidationFailedError(problems);
  return { ...options, definition: body.definition };
}

export const SNAPSHOT_FORMAT = 'quire.content-schema';
export const SNAPSHOT_FORMAT_VERSION = 1;

/** Reads a schema snapshot (`{ format, formatVersion, types }`); `path` prefixes the problems' paths. */
export function readSnapshot(value: unknown, path: string): unknown[] {
  const at = (name: string) => (path ? `${path}.${name}` : name);
  if (!isObject(value)) throw new ValidationFailedError([{ path, message: 'must be a schema snapshot object' }]);
  const problems: FieldProblem[] = [];
  if (value.format !== SNAPSHOT_FORMAT)
    problems.push({ path: at('format'), message: `format must be "${SNAPSHOT_FORMAT}"` });
  if (value.formatVersion !== SNAPSHOT_FORMAT_VERSION)
    problems.push({ path: at('formatVersion'), message: `formatVersion must be ${SNAPSHOT_FORMAT_VERSION}` });
  if (!Array.isArray(value.types))
    problems.push({ path: at('types'), message: 'types must be an array of content type definitions' });
  else {
    const seen = new Set<string>();
    value.types.forEach((type, index) => {
      if (!isObject(type))
        problems.push({ path: at(`types[${index}]`), message: 'must be a content type definition object' });
      else if (typeof type.apiId === 'string') {
        if (seen.has(type.apiId))
          problems.push({ path: at(`types[${index}].apiId`), message: `"${type.apiId}" appears twice` });
        seen.add(type.apiId);
      }
    });
  }
  if (problems.length) throw new ValidationFailedError(problems);
  return value.types as unknown[];
}

/** The body of POST content-schema/apply. */
export function readApplyRequest(body: unknown): SchemaChangeOptions & { types: unknown[]; deleteMissing: boolean } {
  if (!isObject(body)) throw new ValidationFailedError([{ path: '', message: 'the body must be a JSON object' }]);
  const problems: FieldProblem[] = [];
  const known = new Set(['snapshot', 'deleteMissing', 'dryRun', 'migration', 'renames']);
  for (const key of Object.keys(body))
    if (!known.has(key)) problems.push({ path: key, message: `unknown member; allowed: ${[...known].join(', ')}` });
  if (body.renames !== undefined)
    problems.push({
      path: 'renames',
      message: 'renames are given per type with PUT content-types/{apiId}; a snapshot carries definitions only',
    });
  if (body.deleteMissing !== undefined && typeof body.deleteMissing !== 'boolean')
    problems.push({ path: 'deleteMissing', message: 'deleteMissing must be a boolean' });
  const options = readChangeOptions({ migration: body.migration, dryRun: body.dryRun }, problems);
  if (problems.length) throw new ValidationFailedError(problems);
  return { ...options, types: readSnapshot(body.snapshot, 'snapshot'), deleteMissing: body.deleteMissing === true };
}
