import {
  FIELD_TYPES,
  MAX_COMPONENT_DEPTH,
  RESERVED_FIELD_NAMES,
  SEO_FIELD_NAME,
  LOCALIZED_BY_DEFAULT,
  type ContentTypeDefinition,
  type ContentTypeKind,
  type FieldDefinition,
  type FieldType,
} from './field-definition';
import { compileEntryValidator, DEFAULT_LIMITS } from './entry-validator';
import { childPath, type SchemaProblem } from './schema-problem';
import { hasOwn, isPlainObject } from './plain-data';
import { previewUrlTemplateProblem } from './preview-url-template';

export type { SchemaProblem } from './schema-problem';

/** What a definition is checked against: the workspace's other types. */
export interface TypeDefinitionEnvironment {
  /** The workspace's component types by API id (the type being checked may be among them, in its old version). */
  components: ReadonlyMap<string, ContentTypeDefinition>;
  /** API ids of the workspace's collection and singleton types (the type itself included when it exists). */
  relationTargets: ReadonlySet<string>;
}

export const API_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const FIELD_NAME_PATTERN = /^[a-z][a-zA-Z0-9]{0,63}$/;
export const MAX_FIELDS = 200;
export const MAX_PATTERN_LENGTH = 500;
export const MAX_ENUM_VALUES = 500;
export const MAX_REVISION_CAP = 1000;
const KINDS: readonly ContentTypeKind[] = ['collection', 'singleton', 'component'];
/** Field types whose values a unique constraint (a per-type, per-locale index) makes sense for. */
export const UNIQUE_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  'text',
  'integer',
  'decimal',
  'date',
  'datetime',
  'email',
  'url',
  'slug',
  'enum',
]);
/** Field types the delivery API can filter and sort on through an expression index. */
export const INDEXABLE_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([...UNIQUE_TYPES, 'boolean']);

const COMMON_KEYS = [
  'name',
  'type',
  'label',
  'description',
  'required',
  'unique',
  'localized',
  'private',
  'indexed',
  'default',
];
const KEYS_BY_TYPE: Record<FieldType, readonly string[]> = {
  text: ['minLength', 'maxLength', 'pattern'],
  longText: ['minLength', 'maxLength', 'pattern'],
  richText: ['maxLength'],
  integer: ['min', 'max'],
  decimal: ['min', 'max'],
  boolean: [],
  date: [],
  datetime: [],
  email: [],
  url: [],
  json: [],
  enum: ['values'],
  slug: ['sourceField'],
  media: ['multiple', 'allowedTypes'],
  relation: ['target', 'multiple', 'onDelete'],
  component: ['component', 'repeatable', 'minItems', 'maxItems'],
};
const DEFINITION_KEYS = ['apiId', 'kind', 'name', 'description', 'fields', 'options'];
const OPTION_KEYS = ['publicRead', 'revisionCap', 'seo', 'previewUrl'];

/**
 * Checks a content type definition as the API receives it (any JSON) and returns it normalized — only known keys,
 * `localized` set on every field (true by default for text, longText, richText, slug, media and component fields,
 * false for the others) — or null with every problem found, each naming its path (`fields[2].maxLength`). Never
 * throws. With `options.seo`, the fields stay as given: `effectiveFields` adds the built-in `seo` block.
 */
export function validateTypeDefinition(
  input: unknown,
  env: TypeDefinitionEnvironment,
): { definition: ContentTypeDefinition | null; problems: SchemaProblem[] } {
  const problems: SchemaProblem[] = [];
  const report = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  if (!isPlainObject(input)) {
    return { definition: null, problems: [{ path: '', message: 'must be an object' }] };
  }
  for (const key of Object.keys(input)) {
    if (!DEFINITION_KEYS.includes(key)) report(key, 'unknown property');
  }

  const apiId = input['apiId'];
  if (typeof apiId !== 'string') report('apiId', 'must be a string');
  else if (apiId.length < 2 || apiId.length > 60) report('apiId', 'must be 2 to 60 characters long');
  else if (!API_ID_PATTERN.test(apiId)) {
    report(
      'apiId',
      'must be kebab-case: lowercase letters and digits joined by single hyphens, starting with a letter',
    );
  }

  const kind = input['kind'];
  if (typeof kind !== 'string' || !KINDS.includes(kind as ContentTypeKind)) {
    report('kind', `must be one of ${KINDS.join(', ')}`);
  }

  const name = input['name'];
  if (typeof name !== 'string' || name.trim() === '') report('name', 'must be a non-empty string');
  else if (name.length > 100) report('name', 'must be at most 100 characters');

  checkOptionalString(input, 'description', 1000, '', report);

  const options = input['options'];
  if (options !== undefined) {
    if (!isPlainObject(options)) report('options', 'must be an object');
    else {
      for (const key of Object.keys(options)) {
        if (!OPTION_KEYS.includes(key)) report(`options.${key}`, 'unknown option');
      }
      for (const key of ['publicRead', 'seo']) {
        if (options[key] !== undefined && typeof options[key] !== 'boolean')
          report(`options.${key}`, 'must be true or false');
      }
      const cap = options['revisionCap'];
      if (
        cap !== undefined &&
        !(Number.isInteger(cap) && (cap as number) >= 1 && (cap as number) <= MAX_REVISION_CAP)
      ) {
        report('options.revisionCap', `must be an integer from 1 to ${MAX_REVISION_CAP}`);
      }
      if (options['previewUrl'] !== undefined) {
        const problem = previewUrlTemplateProblem(options['previewUrl']);
        if (problem) report('options.previewUrl', problem);
      }
      if (kind === 'component') {
        for (const key of OPTION_KEYS) {
          if (options[key] !== undefined)
            report(`options.${key}`, 'is not an option of component types (they have no entries)');
        }
      }
    }
  }
  const seo = isPlainObject(options) && options['seo'] === true && kind !== 'component';

  const fields = input['fields'];
  const normalizedFields: FieldDefinition[] = [];
  if (!Array.isArray(fields)) report('fields', 'must be a list');
  else if (fields.length > MAX_FIELDS) report('fields', `must have at most ${MAX_FIELDS} fields`);
  else {
    const names = new Map<string, number>();
    fields.forEach((raw, i) => {
      if (isPlainObject(raw) && typeof raw['name'] === 'string' && !names.has(raw['name'])) names.set(raw['name'], i);
    });
    const typeContext: TypeContext = {
      apiId: typeof apiId === 'string' ? apiId : '',
      kind: kind as ContentTypeKind,
      seo,
      fieldsByName: new Map(
        [...names].map(([fieldName, i]) => [fieldName, (fields[i] as Record<string, unknown>)['type']]),
      ),
      env,
    };
    fields.forEach((raw, i) => {
      const path = `fields[${i}]`;
      const before = problems.length;
      const field = checkField(raw, path, typeContext, report);
      if (field && typeof field.name === 'string' && names.get(field.name) !== i) {
        report(`${path}.name`, `repeats the name "${field.name}" of fields[${names.get(field.name)}]`);
      }
      if (field && problems.length === before) {
        checkDefault(field, path, env, report);
        normalizedFields.push(field);
      }
    });
    if (problems.length === 0) checkComponentNesting(typeContext, normalizedFields, report);
  }

  if (problems.length > 0) return { definition: null, problems };
  const definition: ContentTypeDefinition = {
    apiId: apiId as string,
    kind: kind as ContentTypeKind,
    name: (name as string).trim(),
    fields: normalizedFields,
  };
  if (input['description'] !== undefined) definition.description = input['description'] as string;
  if (isPlainObject(options)) {
    const normalizedOptions: Record<string, unknown> = {};
    for (const key of OPTION_KEYS) if (options[key] !== undefined) normalizedOptions[key] = options[key];
    definition.options = normalizedOptions;
  }
  return { definition, problems };
}

interface TypeContext {
  apiId: string;
  kind: ContentTypeKind;
  seo: boolean;
  /** Each field name of the type and its (unchecked) type. */
  fieldsByName: Map<string, unknown>;
  env: TypeDefinitionEnvironment;
}

type Report = (path: string, message: string) => void;

function checkOptionalString(
  raw: Record<string, unknown>,
  key: string,
  max: number,
  path: string,
  report: Report,
): void {
  const value = raw[key];
  if (value === undefined) return;
  if (typeof value !== 'string') report(childPath(path, key), 'must be a string');
  else if (value.length > max) report(childPath(path, key), `must be at most ${max} characters`);
}

function checkBoolean(raw: Record<string, unknown>, key: string, path: string, report: Report): void {
  if (raw[key] !== undefined && typeof raw[key] !== 'boolean') report(childPath(path, key), 'must be true or false');
}

/** An optional integer option in [min, max]; returns it when valid. */
function checkInteger(
  raw: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  path: string,
  report: Report,
): number | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    report(childPath(path, key), `must be an integer from ${min} to ${max}`);
    return undefined;
  }
  return value as number;
}

function checkField(raw: unknown, path: string, type: TypeContext, report: Report): FieldDefinition | null {
  if (!isPlainObject(raw)) {
    report(path, 'must be an object');
    return null;
  }
  const name = raw['name'];
  if (typeof name !== 'string' || !FIELD_NAME_PATTERN.test(name)) {
    report(`${path}.name`, 'must be camelCase: a lowercase letter, then letters and digits, at most 64 characters');
  } else if ((RESERVED_FIELD_NAMES as readonly string[]).includes(name)) {
    report(`${path}.name`, `"${name}" is reserved for entry metadata`);
  } else if (name === SEO_FIELD_NAME && type.seo) {
    report(`${path}.name`, `"${SEO_FIELD_NAME}" is the built-in SEO block of this type (options.seo)`);
  }
  const fieldType = raw['type'];
  if (typeof fieldType !== 'string' || !(FIELD_TYPES as readonly string[]).includes(fieldType)) {
    report(`${path}.type`, `must be one of ${FIELD_TYPES.join(', ')}`);
    return null;
  }
  const ft = fieldType as FieldType;
  const allowed = new Set([...COMMON_KEYS, ...KEYS_BY_TYPE[ft]]);
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key)) report(`${path}.${key}`, `is not an option of ${ft} fields`);
  }
  checkOptionalString(raw, 'label', 200, path, report);
  checkOptionalString(raw, 'description', 1000, path, report);
  for (const key of ['required', 'unique', 'localized', 'private', 'indexed']) checkBoolean(raw, key, path, report);

  if (raw['unique'] === true) {
    if (type.kind === 'component') report(`${path}.unique`, 'is not supported in component types');
    else if (!UNIQUE_TYPES.has(ft)) report(`${path}.unique`, `is not supported on ${ft} fields`);
  }
  if (raw['indexed'] === true) {
    if (type.kind === 'component') report(`${path}.indexed`, 'is not supported in component types');
    else if (!INDEXABLE_TYPES.has(ft)) report(`${path}.indexed`, `is not supported on ${ft} fields`);
    else if (raw['private'] === true) {
      report(`${path}.indexed`, 'cannot be set on a private field (private fields are never filterable)');
    }
  }

  switch (ft) {
    case 'text':
    case 'longText': {
      const cap = ft === 'text' ? DEFAULT_LIMITS.textMaxLength : DEFAULT_LIMITS.longTextMaxLength;
      const min = checkInteger(raw, 'minLength', 0, cap, path, report);
      const max = checkInteger(raw, 'maxLength', 1, cap, path, report);
      if (min !== undefined && max !== undefined && min > max) report(`${path}.minLength`, 'must not exceed maxLength');
      checkPattern(raw, path, report);
      break;
    }
    case 'richText':
      checkInteger(raw, 'maxLength', 1, DEFAULT_LIMITS.richTextMaxLength, path, report);
      break;
    case 'integer':
    case 'decimal': {
      const numbers: Record<string, number> = {};
      for (const key of ['min', 'max']) {
        const value = raw[key];
        if (value === undefined) continue;
        const ok =
          ft === 'integer'
            ? Number.isSafeInteger(value)
            : typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0);
        if (!ok) report(`${path}.${key}`, ft === 'integer' ? 'must be a (safe) integer' : 'must be a finite number');
        else numbers[key] = value as number;
      }
      if (numbers['min'] !== undefined && numbers['max'] !== undefined && numbers['min'] > numbers['max']) {
        report(`${path}.min`, 'must not exceed max');
      }
      break;
    }
    case 'enum': {
      const values = raw['values'];
      if (!Array.isArray(values) || values.length === 0) report(`${path}.values`, 'must be a non-empty list');
      else if (values.length > MAX_ENUM_VALUES) report(`${path}.values`, `must have at most ${MAX_ENUM_VALUES} values`);
      else {
        const seen = new Set<string>();
        values.forEach((value, i) => {
          if (typeof value !== 'string' || value === '' || value.length > 200) {
            report(`${path}.values[${i}]`, 'must be a non-empty string of at most 200 characters');
          } else if (seen.has(value)) report(`${path}.values[${i}]`, `repeats "${value}"`);
          else seen.add(value);
        });
      }
      break;
    }
    case 'slug': {
      const source = raw['sourceField'];
      if (source !== undefined) {
        if (typeof source !== 'string') report(`${path}.sourceField`, 'must be a string');
        else if (type.fieldsByName.get(source) !== 'text') {
          report(`${path}.sourceField`, `must name a text field of this type ("${source}" is not one)`);
        }
      }
      break;
    }
    case 'media': {
      checkBoolean(raw, 'multiple', path, report);
      const allowedTypes = raw['allowedTypes'];
      if (allowedTypes !== undefined) {
        if (!Array.isArray(allowedTypes) || allowedTypes.length > 50) {
          report(`${path}.allowedTypes`, 'must be a list of at most 50 MIME types or families');
        } else {
          allowedTypes.forEach((value, i) => {
            if (typeof value !== 'string' || !/^[a-z]+(?:\/[a-z0-9][a-z0-9.+-]*)?$/.test(value)) {
              report(`${path}.allowedTypes[${i}]`, 'must be a MIME type (`application/pdf`) or family (`image`)');
            }
          });
        }
      }
      if (raw['default'] !== undefined) report(`${path}.default`, 'is not supported on media fields');
      break;
    }
    case 'relation': {
      checkBoolean(raw, 'multiple', path, report);
      const target = raw['target'];
      if (typeof target !== 'string') report(`${path}.target`, 'must be the API id of a collection or singleton type');
      else if (!type.env.relationTargets.has(target) && !(target === type.apiId && type.kind !== 'component')) {
        report(`${path}.target`, `must name a collection or singleton type of this workspace ("${target}" is not one)`);
      }
      const onDelete = raw['onDelete'];
      if (onDelete !== undefined && onDelete !== 'restrict' && onDelete !== 'detach') {
        report(`${path}.onDelete`, 'must be one of restrict, detach');
      }
      if (raw['default'] !== undefined) report(`${path}.default`, 'is not supported on relation fields');
      break;
    }
    case 'component': {
      checkBoolean(raw, 'repeatable', path, report);
      const component = raw['component'];
      if (typeof component !== 'string') report(`${path}.component`, 'must be the API id of a component type');
      else if (component === type.apiId && type.kind === 'component') {
        report(`${path}.component`, 'must not embed the component in itself');
      } else if (type.env.components.get(component)?.kind !== 'component') {
        report(`${path}.component`, `must name a component type of this workspace ("${component}" is not one)`);
      }
      const repeatable = raw['repeatable'] === true;
      const min = checkInteger(raw, 'minItems', 0, DEFAULT_LIMITS.maxComponentItems, path, report);
      const max = checkInteger(raw, 'maxItems', 1, DEFAULT_LIMITS.maxComponentItems, path, report);
      if (!repeatable) {
        for (const key of ['minItems', 'maxItems']) {
          if (raw[key] !== undefined) report(`${path}.${key}`, 'applies to repeatable components only');
        }
      }
      if (min !== undefined && max !== undefined && min > max) report(`${path}.minItems`, 'must not exceed maxItems');
      break;
    }
    default:
      break;
  }

  // Known keys only, `localized` made explicit.
  const field: Record<string, unknown> = {};
  for (const key of allowed) if (hasOwn(raw, key) && raw[key] !== undefined) field[key] = raw[key];
  if (typeof field['localized'] !== 'boolean') field['localized'] = LOCALIZED_BY_DEFAULT.has(ft);
  return field as unknown as FieldDefinition;
}

function checkPattern(raw: Record<string, unknown>, path: string, report: Report): void {
  const pattern = raw['pattern'];
  if (pattern === undefined) return;
  if (typeof pattern !== 'string' || pattern === '') {
    report(`${path}.pattern`, 'must be a non-empty string');
    return;
  }
  if (pattern.length > MAX_PATTERN_LENGTH) {
    report(`${path}.pattern`, `must be at most ${MAX_PATTERN_LENGTH} characters`);
    return;
  }
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    report(`${path}.pattern`, `is not a valid regular expression (${(error as Error).message})`);
  }
}

/** A default must be a value the field accepts (as a draft: an empty default is no default). */
function checkDefault(field: FieldDefinition, path: string, env: TypeDefinitionEnvironment, report: Report): void {
  if (field.default === undefined) return;
  const probe: ContentTypeDefinition = { apiId: 'default-probe', kind: 'collection', name: 'probe', fields: [field] };
  for (const problem of compileEntryValidator(probe, env.components, 'draft')({ [field.name]: field.default })) {
    const rest = problem.path.slice(field.name.length);
    report(`${path}.default${rest}`, problem.message);
  }
}

/**
 * Components nest at most MAX_COMPONENT_DEPTH deep (a type's own fields are depth 0; the fields of a component it
 * embeds depth 1…) and never in a cycle. A component type counts as embedded once, since it is only ever used so.
 */
function checkComponentNesting(type: TypeContext, fields: readonly FieldDefinition[], report: Report): void {
  const lookup = (apiId: string): readonly FieldDefinition[] | undefined =>
    apiId === type.apiId && type.kind === 'component' ? fields : env(apiId);
  const env = (apiId: string): readonly FieldDefinition[] | undefined => {
    const found = type.env.components.get(apiId);
    return found?.kind === 'component' ? found.fields : undefined;
  };
  const depthBudget = type.kind === 'component' ? MAX_COMPONENT_DEPTH - 1 : MAX_COMPONENT_DEPTH;
  const start = type.kind === 'component' ? [type.apiId] : [];

  /** The longest chain of components below `apiId` (itself included), or the cycle found. Depth-first, memoized. */
  const done = new Map<string, string[]>();
  const walk = (apiId: string, chain: string[]): { longest: string[]; cycle?: string[] } => {
    if (chain.includes(apiId)) return { longest: [], cycle: [...chain.slice(chain.indexOf(apiId)), apiId] };
    const known = done.get(apiId);
    if (known) return { longest: known };
    let longest: string[] = [];
    const children = new Set((lookup(apiId) ?? []).flatMap((f) => (f.type === 'component' ? [f.component] : [])));
    for (const child of children) {
      const result = walk(child, [...chain, apiId]);
      if (result.cycle) return result;
      if (result.longest.length > longest.length) longest = result.longest;
    }
    const own = [apiId, ...longest];
    done.set(apiId, own);
    return { longest: own };
  };

  fields.forEach((field, i) => {
    if (field.type !== 'component') return;
    const result = walk(field.component, start);
    if (result.cycle) {
      report(`fields[${i}].component`, `makes a cycle of components: ${result.cycle.join(' → ')}`);
    } else if (result.longest.length > depthBudget) {
      report(
        `fields[${i}].component`,
        `nests components ${start.length + result.longest.length} deep (${[...start, ...result.longest].join(' → ')}); at most ${MAX_COMPONENT_DEPTH} allowed`,
      );
    }
  });
}
