import type { ResponseOf } from '../../api/api-client';

export type Entry = ResponseOf<'/api/v1/workspaces/{workspace}/entries/{id}', 'get'>;
export type EntryListItem = ResponseOf<
  '/api/v1/workspaces/{workspace}/content-types/{apiId}/entries',
  'get'
>['data'][number];
export type ContentTypeDetails = ResponseOf<'/api/v1/workspaces/{workspace}/content-types/{apiId}', 'get'>;
export type EntryStatus = Entry['status'];

/** A field of a content type as docs/content/fields.md defines it (only what the console uses). */
export interface FieldDef {
  name: string;
  type: string;
  label?: string;
  description?: string;
  required?: boolean;
  localized?: boolean;
  values?: string[];
  sourceField?: string;
  target?: string;
  multiple?: boolean;
  allowedTypes?: string[];
  component?: string;
  repeatable?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
}

/** The fields of a type's definition, the SEO block included when the type has it (edited as JSON). */
export function fieldsOf(type: ContentTypeDetails): FieldDef[] {
  const definition = type.definition as { fields?: FieldDef[]; options?: { seo?: boolean } };
  const fields = [...(definition.fields ?? [])];
  if (definition.options?.seo) fields.push({ name: 'seo', type: 'component', component: '$seo', localized: true });
  return fields;
}

export function fieldLabel(field: FieldDef): string {
  return field.label || field.name;
}

/** Fields the list can show, filter and sort: the scalar ones (docs/content/entries.md, "Listing"). */
const SCALAR = [
  'text',
  'longText',
  'email',
  'url',
  'slug',
  'enum',
  'integer',
  'decimal',
  'boolean',
  'date',
  'datetime',
];
export function isListable(field: FieldDef): boolean {
  return SCALAR.includes(field.type) || (field.type === 'relation' && !field.multiple);
}

/** The field that names an entry: the first text field (else the first slug), as lists and pickers show it. */
export function titleField(fields: FieldDef[]): FieldDef | undefined {
  return fields.find((f) => f.type === 'text') ?? fields.find((f) => f.type === 'slug');
}

export function entryTitle(data: Record<string, unknown>, fields: FieldDef[], fallback: string): string {
  const field = titleField(fields);
  const value = field ? data[field.name] : undefined;
  return typeof value === 'string' && value.trim() ? value : fallback;
}

/** A rich-text document with no text counts as empty, as the API's `required` check says. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && (value as { type?: unknown }).type === 'doc') return !hasText(value);
  return false;
}

function hasText(node: unknown): boolean {
  const { text, content } = node as { text?: string; content?: unknown[] };
  if (typeof text === 'string' && text.trim()) return true;
  return Array.isArray(content) && content.some(hasText);
}

/** What a form control holds for a field's stored value. */
export function toFormValue(field: FieldDef, value: unknown): unknown {
  switch (field.type) {
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'datetime':
      return typeof value === 'string' ? toLocalDateTime(value) : '';
    case 'json':
    case 'component':
      return value === undefined || value === null ? '' : JSON.stringify(value, null, 2);
    case 'richText':
      return value ?? null;
    case 'relation':
    case 'media':
      if (field.multiple) return Array.isArray(value) ? value : [];
      return typeof value === 'string' ? value : null;
    default:
      return typeof value === 'string' ? value : '';
  }
}

/** What the API gets for a form control's value; `null` clears the field. */
export function toDataValue(field: FieldDef, value: unknown): unknown {
  if (isEmptyValue(value)) return null;
  switch (field.type) {
    case 'datetime':
      return new Date(value as string).toISOString();
    case 'json':
    case 'component':
      return JSON.parse(value as string) as unknown;
    default:
      return value;
  }
}

/** `2026-11-23T10:15:00Z` → `2026-11-23T11:15` in the browser's zone, for a datetime-local input. */
export function toLocalDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The top-level field an API error path names: `blocks[1].heading` → `blocks`. */
export function fieldOfPath(path: string): string {
  return path.split(/[.[]/)[0];
}

export function statusLabel(status: EntryStatus | 'missing'): string {
  switch (status) {
    case 'draft':
      return $localize`:@@entries.status.draft:Draft`;
    case 'published':
      return $localize`:@@entries.status.published:Published`;
    case 'changed':
      return $localize`:@@entries.status.changed:Changed since published`;
    default:
      return $localize`:@@entries.status.missing:Not translated`;
  }
}

/** What the API's `toSlug` makes of a text, near enough to suggest it while typing (the API has the last word). */
export function toSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200)
    .replace(/-+$/, '');
}
