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
  const compiled = compileSchema(declared.schema);
  if (!compiled.ok) {
    return [
      problemOn(
        c,
        `its options schema does not compile (${compiled.error})`,
        'correct options.schema in definePlugin: it must be valid JSON Schema 2020-12',
      ),
    ];
  }
  if (compiled.validate(c.options)) return [];
  // Values are never echoed: options may hold secrets such as API keys.
  return (compiled.validate.errors ?? []).map((error) => {
    const { path, rule } = describeSchemaError(error);
    return problemOn(
      c,
      path === '' ? `options ${rule}` : `option "${path}" ${rule}`,
      path === ''
        ? `pass an options object that matches the options schema of "${c.label}"`
        : `pass a valid "${path}" in ${pluginConstName(c.label)}.with({...}), or correct options.defaults of "${c.label}"`,
    );
  });
}

function checkSettings(c: Candidate): PositionedProblem[] {
  const settings = c.definition.settings;
  if (settings === undefined) return [];
  const compiled = compileSchema(settings.schema);
  if (!compiled.ok) {
    return [
      problemOn(
        c,
        `its settings schema does not compile (${compiled.error})`,
        'correct settings.schema: it must be valid JSON Schema 2020-12',
      ),
    ];
  }
  if (compiled.validate(settings.defaults)) return [];
  return (compiled.validate.errors ?? []).map((error) => {
    const { path, rule } = describeSchemaError(error);
    return problemOn(
      c,
      path === '' ? `settings defaults ${rule}` : `settings default "${path}" ${rule}`,
      path === ''
        ? 'make settings.defaults an object that matches settings.schema'
        : `change settings.defaults.${path} so it matches settings.schema`,
    );
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
