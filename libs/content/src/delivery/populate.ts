import { ValidationFailedError } from '@quire/core';
import type { FieldDefinition } from '../schema/field-definition';
import type { DeliveryModel } from './delivery-model';

/** What a request populates below one document: field name → what to populate below the field's value. */
export type PopulateTree = ReadonlyMap<string, PopulateTree>;

export const NOTHING_POPULATED: PopulateTree = new Map();

/** Where populate finds the model under a relation (the target type) or a component. */
export interface ModelSource {
  relationTarget(apiId: string): DeliveryModel | null;
  component(apiId: string): DeliveryModel | null;
}

const POPULATABLE = new Set(['relation', 'media', 'component']);
const MAX_PATHS = 20;

/**
 * Parses `populate`: `*` (every relation, media and component field, one level) or a comma list of paths
 * (`author,categories`, `author.avatar`), each `dots + 1` levels deep, at most `maxDepth`. A field that does not
 * exist, is private or cannot be populated is a 400 naming `populate`, worded the same in every case.
 */
export function parsePopulate(
  raw: string | undefined,
  model: DeliveryModel,
  source: ModelSource,
  maxDepth: number,
): PopulateTree {
  if (raw === undefined || raw === '') return NOTHING_POPULATED;
  const problems: Array<{ path: string; message: string }> = [];
  const root = new Map<string, Map<string, unknown>>();
  if (raw.trim() === '*') {
    for (const field of model.fields) if (POPULATABLE.has(field.type)) root.set(field.name, new Map());
    return root as PopulateTree;
  }
  const paths = raw.split(',').map((p) => p.trim());
  if (paths.length > MAX_PATHS) {
    throw new ValidationFailedError([{ path: 'populate', message: `at most ${MAX_PATHS} paths, got ${paths.length}` }]);
  }
  for (const path of paths) {
    const segments = path.split('.');
    if (path === '' || segments.some((s) => s === '')) {
      problems.push({ path: 'populate', message: `empty path in populate; expected e.g. author,categories` });
      continue;
    }
    if (segments.length > maxDepth) {
      problems.push({
        path: 'populate',
        message: `"${path}" is ${segments.length} levels deep; at most ${maxDepth} are allowed`,
      });
      continue;
    }
    let current: DeliveryModel | null = model;
    let node = root;
    for (const [index, segment] of segments.entries()) {
      const field: FieldDefinition | undefined = current?.fieldsByName.get(segment);
      if (!current || !field || !POPULATABLE.has(field.type)) {
        problems.push({ path: 'populate', message: unknownField(segments.slice(0, index + 1).join('.'), current) });
        break;
      }
      let child = node.get(segment) as Map<string, unknown> | undefined;
      if (!child) {
        child = new Map();
        node.set(segment, child);
      }
      node = child as Map<string, Map<string, unknown>>;
      current = nextModel(field, source);
    }
  }
  if (problems.length > 0) throw new ValidationFailedError(problems, 'The populate parameter is invalid; see errors.');
  return root as PopulateTree;
}

function nextModel(field: FieldDefinition, source: ModelSource): DeliveryModel | null {
  if (field.type === 'relation') return source.relationTarget(field.target);
  if (field.type === 'component') return source.component(field.component);
  return null; // media: nothing below it yet
}

function unknownField(path: string, model: DeliveryModel | null): string {
  const options = model ? model.fields.filter((f) => POPULATABLE.has(f.type)).map((f) => f.name) : [];
  return `unknown field "${path}" in populate; populatable fields here: ${options.join(', ') || 'none'}`;
}

/** Depth of a populate tree: how many levels of relations, media and components it reaches. */
export function populateDepth(tree: PopulateTree): number {
  let deepest = 0;
  for (const child of tree.values()) deepest = Math.max(deepest, 1 + populateDepth(child));
  return deepest;
}
