/**
 * The content model as the console sends and receives it. The generated OpenAPI types carry a definition as an
 * open object, so this mirrors `libs/content/src/schema/field-definition.ts` (docs/content/fields.md): the field
 * types, which keys each type takes and which common switches apply to it.
 */

export const FIELD_TYPES = [
  'text',
  'longText',
  'richText',
  'integer',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'enum',
  'email',
  'url',
  'slug',
  'json',
  'media',
  'relation',
  'component',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const TYPE_KINDS = ['collection', 'singleton', 'component'] as const;
export type ContentTypeKind = (typeof TYPE_KINDS)[number];

/** A field as the API stores it: the common keys plus the keys of its type. */
export interface FieldDefinition {
  name: string;
  type: FieldType;
  label?: string;
  description?: string;
  required?: boolean;
  unique?: boolean;
  localized?: boolean;
  private?: boolean;
  indexed?: boolean;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  min?: number;
  max?: number;
  values?: string[];
  sourceField?: string;
  multiple?: boolean;
  allowedTypes?: string[];
  target?: string;
  onDelete?: 'restrict' | 'detach';
  component?: string;
  repeatable?: boolean;
  minItems?: number;
  maxItems?: number;
}

export interface ContentTypeOptions {
  publicRead?: boolean;
  seo?: boolean;
  revisionCap?: number;
  previewUrl?: string;
}

export interface ContentTypeDefinition {
  apiId: string;
  kind: ContentTypeKind;
  name: string;
  description?: string;
  fields: FieldDefinition[];
  options?: ContentTypeOptions;
}

/** The keys each field type takes besides the common ones (the API refuses any other). */
export const TYPE_KEYS: Record<FieldType, readonly (keyof FieldDefinition)[]> = {
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

/** Types a unique constraint applies to; `indexed` also takes booleans. Neither inside component types. */
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
export const INDEXABLE_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([...UNIQUE_TYPES, 'boolean']);

/** Words and pictures are translated; facts (numbers, dates, relations…) are shared unless a field says otherwise. */
export const LOCALIZED_BY_DEFAULT: ReadonlySet<FieldType> = new Set<FieldType>([
  'text',
  'longText',
  'richText',
  'slug',
  'media',
  'component',
]);

/** Types without a `default` (the API refuses one). */
export const NO_DEFAULT_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['media', 'relation']);

/** The media library's kinds offered as checkboxes; any other MIME type goes in a free list. */
export const MEDIA_KINDS = ['image', 'video', 'audio', 'document'] as const;

export function fieldTypeLabel(type: FieldType): string {
  switch (type) {
    case 'text':
      return $localize`:@@types.fieldType.text:Text`;
    case 'longText':
      return $localize`:@@types.fieldType.longText:Long text`;
    case 'richText':
      return $localize`:@@types.fieldType.richText:Rich text`;
    case 'integer':
      return $localize`:@@types.fieldType.integer:Integer`;
    case 'decimal':
      return $localize`:@@types.fieldType.decimal:Decimal`;
    case 'boolean':
      return $localize`:@@types.fieldType.boolean:Yes / no`;
    case 'date':
      return $localize`:@@types.fieldType.date:Date`;
    case 'datetime':
      return $localize`:@@types.fieldType.datetime:Date and time`;
    case 'enum':
      return $localize`:@@types.fieldType.enum:Choice (enum)`;
    case 'email':
      return $localize`:@@types.fieldType.email:Email`;
    case 'url':
      return $localize`:@@types.fieldType.url:URL`;
    case 'slug':
      return $localize`:@@types.fieldType.slug:Slug`;
    case 'json':
      return $localize`:@@types.fieldType.json:JSON`;
    case 'media':
      return $localize`:@@types.fieldType.media:Media`;
    case 'relation':
      return $localize`:@@types.fieldType.relation:Relation`;
    case 'component':
      return $localize`:@@types.fieldType.component:Component`;
  }
}

export function kindLabel(kind: ContentTypeKind): string {
  switch (kind) {
    case 'collection':
      return $localize`:@@types.kind.collection:Collection`;
    case 'singleton':
      return $localize`:@@types.kind.singleton:Singleton`;
    case 'component':
      return $localize`:@@types.kind.component:Component`;
  }
}

/** `Blog post` → `blog-post`: the API id a name suggests (kebab-case, starting with a letter, ≤ 60). */
export function apiIdFromName(name: string): string {
  return words(name)
    .join('-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** `Cover image` → `coverImage`: the field name a label suggests (camelCase, starting with a letter, ≤ 64). */
export function fieldNameFromLabel(label: string): string {
  const camel = words(label)
    .map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
  return camel.replace(/^[^a-z]+/, '').slice(0, 64);
}

function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
