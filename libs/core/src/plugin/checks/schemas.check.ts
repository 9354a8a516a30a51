import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '../plugin.types';
import type { Candidate } from './candidate';
import { pluginConstName } from './names';
import { problemOn, type PositionedProblem } from './problem';
import { isObject } from './values';

/** Options (schema compiles, the given options match it) and settings (schema compiles, defaults match it). */
export function checkSchemas(candidates: readonly Candidate[]): PositionedProblem[] {
  return candidates.flatMap((c) => [...checkOptions(c), ...checkSettings(c)]);
}

function checkOptions(c: Candidate): PositionedProblem[] {
  const declared = c.definition.options;
  if (declared === undefined) {
    if (c.options !== undefined && !isEmptyObject(c.options)) {
      return [
        problemOn(
          c,
          'options were given with .with(...), but the plugin declares no options schema',
          `remove the .with(...) call on "${c.label}", or declare options: { schema, defaults } in its definePlugin`,
        ),
      ];
    }
    return [];
  }
  return checkAgainstSchema(c, declared.schema, c.options, {
    uncompiled: (error) => [
      `its options schema does not compile (${error})`,
      'correct options.schema in definePlugin: it must be valid JSON Schema 2020-12',
    ],
    whole: (rule) => [`options ${rule}`, `pass an options object that matches the options schema of "${c.label}"`],
    at: (path, rule) => [
      `option "${path}" ${rule}`,
      `pass a valid "${path}" in ${pluginConstName(c.label)}.with({...}), or correct options.defaults of "${c.label}"`,
    ],
  });
}

function checkSettings(c: Candidate): PositionedProblem[] {
  const settings = c.definition.settings;
  if (settings === undefined) return [];
  return checkAgainstSchema(c, settings.schema, settings.defaults, {
    uncompiled: (error) => [
      `its settings schema does not compile (${error})`,
      'correct settings.schema: it must be valid JSON Schema 2020-12',
    ],
    whole: (rule) => [`settings defaults ${rule}`, 'make settings.defaults an object that matches settings.schema'],
    at: (path, rule) => [
      `settings default "${path}" ${rule}`,
      `change settings.defaults.${path} so it matches settings.schema`,
    ],
  });
}

/** How one schema's problems read: each function gives the problem and its fix. */
interface SchemaWording {
  uncompiled(error: string): [problem: string, fix: string];
  /** The value as a whole breaks `rule` (e.g. it is not an object). */
  whole(rule: string): [problem: string, fix: string];
  at(path: string, rule: string): [problem: string, fix: string];
}

function checkAgainstSchema(
  c: Candidate,
  schema: JsonSchema,
  value: unknown,
  wording: SchemaWording,
): PositionedProblem[] {
  const compiled = compileSchema(schema);
  if (!compiled.ok) return [problemOn(c, ...wording.uncompiled(compiled.error))];
  if (compiled.validate(value)) return [];
  // Values are never echoed: options may hold secrets such as API keys.
  return (compiled.validate.errors ?? []).map((error) => {
    const { path, rule } = describeSchemaError(error);
    return problemOn(c, ...(path === '' ? wording.whole(rule) : wording.at(path, rule)));
  });
}

type Compiled = { ok: true; validate: ValidateFunction } | { ok: false; error: string };

let schemaCompiler: Ajv2020 | undefined;

function compileSchema(schema: JsonSchema): Compiled {
  // One ajv for the process: compiling the meta-schema is the costly part. Strict schemas, so that a typo
  // such as `minimun` fails at boot instead of silently dropping the rule.
  const ajv = (schemaCompiler ??= createSchemaCompiler());
  try {
    return { ok: true, validate: ajv.compile(schema) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    // Forget the schema (and its `$id`): two plugins, or two registries in one test run, may reuse an `$id`.
    if (isObject(schema)) ajv.removeSchema(schema);
  }
}

function createSchemaCompiler(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
  });
  addFormats(ajv);
  return ajv;
}

/** `{ path: 'limits.maxSize', rule: 'must be <= 10' }` from one ajv error. */
function describeSchemaError(error: ErrorObject): { path: string; rule: string } {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let rule = error.message ?? `fails "${error.keyword}"`;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params['missingProperty'] === 'string') {
    segments.push(params['missingProperty']);
    rule = 'is required';
  } else if (error.keyword === 'additionalProperties' && typeof params['additionalProperty'] === 'string') {
    segments.push(params['additionalProperty']);
    rule = 'is not declared in the schema';
  } else if (error.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    rule = `must be one of ${params['allowedValues'].map((v) => JSON.stringify(v)).join(', ')}`;
  }
  const path = segments.reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc === '' ? s : `${acc}.${s}`), '');
  return { path, rule };
}

function isEmptyObject(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length === 0;
}
