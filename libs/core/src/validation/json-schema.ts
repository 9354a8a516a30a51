import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '../plugin/plugin.types';

/**
 * One way a value breaks a schema: where (`limits.maxSize`, `tags[2]`; `''` for the value as a whole) and the
 * rule (`must be <= 10`, `is required`, `is not declared in the schema`). Never the value itself: it may be a secret.
 */
export interface JsonSchemaProblem {
  path: string;
  rule: string;
}

/** Checks a value against the compiled schema: the empty list when it matches. */
export type JsonSchemaValidator = (value: unknown) => JsonSchemaProblem[];

export type JsonSchemaCompilation = { ok: true; validate: JsonSchemaValidator } | { ok: false; error: string };

let schemaCompiler: Ajv2020 | undefined;

/**
 * Compiles a JSON Schema (draft 2020-12, with `format`s) once, for validating many values: the one ajv set-up of
 * the kernel, used for plugin options and settings at boot and for workspace settings per request. Strict: a
 * typo such as `minimun` is a compile error instead of a silently dropped rule. Keep the result rather than
 * compiling again: compiling is the costly part.
 */
export function compileJsonSchema(schema: JsonSchema): JsonSchemaCompilation {
  // One ajv for the process: compiling the meta-schema is costly too.
  const ajv = (schemaCompiler ??= createSchemaCompiler());
  try {
    const validate = ajv.compile(schema);
    return {
      ok: true,
      // ajv reports through `validate.errors`, read at once after the synchronous call.
      validate: (value) => (validate(value) ? [] : (validate.errors ?? []).map(describeSchemaError)),
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    // Forget the schema (and its `$id`): two plugins, or two registries in one test run, may reuse an `$id`. The
    // compiled function keeps working without it.
    if (typeof schema === 'object' && schema !== null) ajv.removeSchema(schema);
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
export function describeSchemaError(error: ErrorObject): JsonSchemaProblem {
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
