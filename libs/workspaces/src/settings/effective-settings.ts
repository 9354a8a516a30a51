import type { FieldProblem, JsonSchemaProblem, JsonSchemaValidator } from '@quire/core';

export type SettingsValues = Record<string, unknown>;

export interface EffectiveSettings {
  /** What the plugin runs with: the workspace's values over the defaults. */
  values: SettingsValues;
  /**
   * Stored values that no longer match the schema (the plugin tightened it in a new version): their defaults
   * apply instead, until someone saves valid values.
   */
  ignored: FieldProblem[];
}

export function isPlainObject(value: unknown): value is SettingsValues {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `overrides` over `defaults`, object members merged one by one at every depth (so a nested default the
 * workspace did not set survives); arrays and other values replace the default whole.
 */
export function mergeSettings(defaults: SettingsValues, overrides: SettingsValues): SettingsValues {
  const merged: SettingsValues = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    const base = merged[key];
    merged[key] = isPlainObject(base) && isPlainObject(value) ? mergeSettings(base, value) : value;
  }
  return merged;
}

/** The message of a settings problem, naming the setting as every 400 of Quire does. */
export function settingsProblem({ path, rule }: JsonSchemaProblem): FieldProblem {
  return { path, message: `${path === '' ? 'settings' : path} ${rule}` };
}

/**
 * The settings a plugin runs with in a workspace. Stored values were valid when saved, but the plugin's schema
 * may have changed since: a stored top-level setting that now breaks the schema is dropped (its default applies)
 * and reported in `ignored`, so a plugin never sees values its schema refuses.
 */
export function effectiveSettings(
  defaults: SettingsValues,
  stored: unknown,
  validate: JsonSchemaValidator,
): EffectiveSettings {
  const overrides = isPlainObject(stored) ? stored : {};
  const merged = mergeSettings(defaults, overrides);
  const problems = validate(merged);
  if (problems.length === 0) return { values: merged, ignored: [] };

  const ignored = problems.map(settingsProblem);
  const broken = new Set(problems.map(({ path }) => topLevelKey(path)));
  // A problem with the whole object (e.g. a cross-setting rule) cannot be pinned on one setting: defaults only.
  if (broken.has('')) return { values: { ...defaults }, ignored };
  const kept = Object.fromEntries(Object.entries(overrides).filter(([key]) => !broken.has(key)));
  const repaired = mergeSettings(defaults, kept);
  return { values: validate(repaired).length === 0 ? repaired : { ...defaults }, ignored };
}

/** `limits.maxSize` → `limits`, `tags[2]` → `tags` (a name with a dot may miss; then the defaults apply, above). */
function topLevelKey(path: string): string {
  return /^[^.[]*/.exec(path)![0];
}
