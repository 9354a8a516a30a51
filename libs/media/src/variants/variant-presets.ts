import type { FieldProblem, JsonSchema } from '@quire/core';
import {
  checkVariantParams,
  VARIANT_FITS,
  VARIANT_FORMATS,
  MAX_VARIANT_DIMENSION,
  type VariantParams,
} from './variant-params';
import { VariantPresetNotFoundError } from './variant.errors';

/** A named variant as an administrator writes it in the workspace's media settings. */
export interface VariantPresetDefinition {
  name: string;
  width?: number;
  height?: number;
  fit?: string;
  format?: string;
  quality?: number;
}

/** Presets by name, every definition checked and completed with the defaults. */
export type VariantPresets = ReadonlyMap<string, VariantParams>;

/** How many presets a workspace may define on top of the installation's. */
export const MAX_WORKSPACE_PRESETS = 20;
const PRESET_NAME = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
/** The path segment of signed variants (`CUSTOM_VARIANT`). */
const RESERVED_NAME = 'custom';

/** What every workspace has; a workspace preset of the same name replaces one. */
export const DEFAULT_VARIANT_PRESETS: readonly VariantPresetDefinition[] = Object.freeze([
  { name: 'thumbnail', width: 200, height: 200, fit: 'cover', format: 'webp', quality: 75 },
  { name: 'small', width: 480, fit: 'inside', format: 'webp' },
  { name: 'medium', width: 960, fit: 'inside', format: 'webp' },
  { name: 'large', width: 1920, fit: 'inside', format: 'webp' },
  { name: 'social', width: 1200, height: 630, fit: 'cover', format: 'jpeg', quality: 85 },
]);

/** JSON Schema of the `variantPresets` member of the media settings (shape only; `checkVariantPresets` adds the rest). */
export const variantPresetsSchema: JsonSchema = {
  type: 'array',
  maxItems: MAX_WORKSPACE_PRESETS,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: PRESET_NAME.source },
      width: { type: 'integer', minimum: 1, maximum: MAX_VARIANT_DIMENSION },
      height: { type: 'integer', minimum: 1, maximum: MAX_VARIANT_DIMENSION },
      fit: { enum: [...VARIANT_FITS] },
      format: { enum: [...VARIANT_FORMATS] },
      quality: { type: 'integer', minimum: 1, maximum: 100 },
    },
  },
};

/**
 * Every broken rule of a workspace's preset definitions, with paths like `variantPresets[2].quality`: an empty
 * list means they can be saved. Names must be unique; the rules are those of signed parameters.
 */
export function checkVariantPresets(
  definitions: readonly VariantPresetDefinition[],
  path = 'variantPresets',
): FieldProblem[] {
  const errors: FieldProblem[] = [];
  if (definitions.length > MAX_WORKSPACE_PRESETS) {
    errors.push({ path, message: `must hold at most ${MAX_WORKSPACE_PRESETS} presets` });
  }
  const seen = new Set<string>();
  definitions.forEach((definition, index) => {
    const at = `${path}[${index}]`;
    if (typeof definition.name !== 'string' || !PRESET_NAME.test(definition.name)) {
      errors.push({ path: `${at}.name`, message: 'must be 1-40 lower-case letters, digits and inner hyphens' });
    } else if (definition.name === RESERVED_NAME) {
      errors.push({ path: `${at}.name`, message: `"${RESERVED_NAME}" is reserved for signed variants` });
    } else if (seen.has(definition.name)) {
      errors.push({ path: `${at}.name`, message: `"${definition.name}" is defined twice` });
    }
    seen.add(definition.name);
    const checked = checkParams(definition, at);
    if ('errors' in checked) errors.push(...checked.errors);
  });
  return errors;
}

/**
 * The presets of a workspace: the installation's defaults, replaced or extended by the workspace's definitions
 * (which were checked when saved; a definition that no longer passes is left out rather than failing every variant).
 */
export function buildVariantPresets(
  workspaceDefinitions: readonly VariantPresetDefinition[] = [],
  defaults: readonly VariantPresetDefinition[] = DEFAULT_VARIANT_PRESETS,
): VariantPresets {
  const presets = new Map<string, VariantParams>();
  for (const definition of [...defaults, ...workspaceDefinitions]) {
    const checked = checkParams(definition, definition.name);
    if (PRESET_NAME.test(definition.name) && definition.name !== RESERVED_NAME && 'params' in checked)
      presets.set(definition.name, checked.params);
  }
  return presets;
}

/** The parameters of the preset named in the URL. */
export function resolveVariantPreset(presets: VariantPresets, name: string): VariantParams {
  const params = presets.get(name);
  if (!params) throw new VariantPresetNotFoundError(name, [...presets.keys()].sort());
  return params;
}

function checkParams(definition: VariantPresetDefinition, at: string) {
  return checkVariantParams(
    {
      width: definition.width,
      height: definition.height,
      fit: definition.fit,
      format: definition.format,
      quality: definition.quality,
    },
    {
      w: `${at}.width`,
      h: `${at}.height`,
      fit: `${at}.fit`,
      fm: `${at}.format`,
      q: `${at}.quality`,
      fx: `${at}.focalPoint`,
      fy: `${at}.focalPoint`,
    },
  );
}
