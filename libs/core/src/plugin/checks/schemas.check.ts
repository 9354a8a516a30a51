import { compileJsonSchema } from '../../validation/json-schema';
import type { JsonSchema } from '../plugin.types';
import type { Candidate } from './candidate';
import { pluginConstName } from './names';
import { problemOn, type PositionedProblem } from './problem';
import { describeValue, isObject } from './values';

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
  // Workspaces store and merge settings setting by setting: they are always an object.
  if (!isObject(settings.defaults)) {
    return [
      problemOn(
        c,
        `settings defaults must be an object of default values, not ${describeValue(settings.defaults)}`,
        'declare settings: { schema: { type: "object", properties: {...} }, defaults: {...} }',
      ),
    ];
  }
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
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) return [problemOn(c, ...wording.uncompiled(compiled.error))];
  // Values are never echoed: options may hold secrets such as API keys.
  return compiled
    .validate(value)
    .map(({ path, rule }) => problemOn(c, ...(path === '' ? wording.whole(rule) : wording.at(path, rule))));
}

function isEmptyObject(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length === 0;
}
