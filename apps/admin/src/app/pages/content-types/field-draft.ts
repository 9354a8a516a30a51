import { signal } from '@angular/core';
import { AbstractControl, FormControl, FormGroup } from '@angular/forms';
import {
  INDEXABLE_TYPES,
  LOCALIZED_BY_DEFAULT,
  MEDIA_KINDS,
  NO_DEFAULT_TYPES,
  TYPE_KEYS,
  UNIQUE_TYPES,
  type ContentTypeKind,
  type FieldDefinition,
  type FieldType,
} from './content-type-model';

let nextId = 1;

/**
 * One field while it is being edited: a form with an input for every option any field type has (the editor shows
 * those of the chosen type, and `toDefinition` sends only those), whether its editor is open, and the name it had
 * when loaded, so a rename can be sent as one (`renames`) and the values follow.
 */
export class FieldDraft {
  /** Stable across reorders: the key of the list and of the element ids. */
  readonly id = nextId++;
  readonly expanded = signal(true);
  /** The API's messages for the field as a whole (`fields[2]`) or for an option without an input of its own. */
  readonly problems = signal<string[]>([]);
  /** Until the name is typed in, it follows the label. */
  nameEdited = false;

  readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true }),
    label: new FormControl('', { nonNullable: true }),
    description: new FormControl('', { nonNullable: true }),
    type: new FormControl<FieldType>('text', { nonNullable: true }),
    required: new FormControl(false, { nonNullable: true }),
    unique: new FormControl(false, { nonNullable: true }),
    localized: new FormControl(true, { nonNullable: true }),
    private: new FormControl(false, { nonNullable: true }),
    indexed: new FormControl(false, { nonNullable: true }),
    /** As typed; read as the field's type (a number, true/false, JSON) when sent. */
    default: new FormControl('', { nonNullable: true }),
    minLength: new FormControl<number | null>(null),
    maxLength: new FormControl<number | null>(null),
    pattern: new FormControl('', { nonNullable: true }),
    min: new FormControl<number | null>(null),
    max: new FormControl<number | null>(null),
    /** Enum values, one a line. */
    values: new FormControl('', { nonNullable: true }),
    sourceField: new FormControl('', { nonNullable: true }),
    multiple: new FormControl(false, { nonNullable: true }),
    allowedKinds: new FormControl<string[]>([], { nonNullable: true }),
    /** MIME types beyond the library's kinds, comma-separated; the API's `allowedTypes` problems show here. */
    otherTypes: new FormControl('', { nonNullable: true }),
    target: new FormControl('', { nonNullable: true }),
    onDelete: new FormControl<'restrict' | 'detach'>('restrict', { nonNullable: true }),
    component: new FormControl('', { nonNullable: true }),
    repeatable: new FormControl(false, { nonNullable: true }),
    minItems: new FormControl<number | null>(null),
    maxItems: new FormControl<number | null>(null),
  });

  /**
   * The API's messages by option, with the value they were about. Kept as validators rather than set with
   * `setErrors`: an input created later (the editor was closed) re-validates its control, which would drop them.
   */
  private readonly apiErrors = new Map<string, { message: string; value: unknown }>();

  constructor(
    type: FieldType,
    readonly originalName: string | null = null,
  ) {
    this.form.controls.type.setValue(type);
    this.form.controls.localized.setValue(LOCALIZED_BY_DEFAULT.has(type));
    for (const [key, control] of Object.entries(this.form.controls) as [string, AbstractControl][]) {
      // Shown until the value changes.
      control.addValidators((c) => {
        const error = this.apiErrors.get(key);
        return error && error.value === c.value ? { api: error.message } : null;
      });
    }
  }

  static fromDefinition(field: FieldDefinition): FieldDraft {
    const draft = new FieldDraft(field.type, field.name);
    draft.nameEdited = true;
    draft.expanded.set(false);
    const kinds = (field.allowedTypes ?? []).filter((t) => (MEDIA_KINDS as readonly string[]).includes(t));
    const others = (field.allowedTypes ?? []).filter((t) => !kinds.includes(t));
    draft.form.patchValue({
      name: field.name,
      label: field.label ?? '',
      description: field.description ?? '',
      required: field.required ?? false,
      unique: field.unique ?? false,
      localized: field.localized ?? LOCALIZED_BY_DEFAULT.has(field.type),
      private: field.private ?? false,
      indexed: field.indexed ?? false,
      default: defaultAsText(field.default),
      minLength: field.minLength ?? null,
      maxLength: field.maxLength ?? null,
      pattern: field.pattern ?? '',
      min: field.min ?? null,
      max: field.max ?? null,
      values: (field.values ?? []).join('\n'),
      sourceField: field.sourceField ?? '',
      multiple: field.multiple ?? false,
      allowedKinds: kinds,
      otherTypes: others.join(', '),
      target: field.target ?? '',
      onDelete: field.onDelete ?? 'restrict',
      component: field.component ?? '',
      repeatable: field.repeatable ?? false,
      minItems: field.minItems ?? null,
      maxItems: field.maxItems ?? null,
    });
    return draft;
  }

  get type(): FieldType {
    return this.form.controls.type.value;
  }

  get name(): string {
    return this.form.controls.name.value.trim();
  }

  /** A new type's translation default comes with it. */
  changeType(type: FieldType): void {
    this.form.controls.type.setValue(type);
    this.form.controls.localized.setValue(LOCALIZED_BY_DEFAULT.has(type));
  }

  /** Which common switches the API accepts for this field in a type of `kind`. */
  allows(option: 'unique' | 'indexed' | 'default', kind: ContentTypeKind): boolean {
    if (option === 'default') return !NO_DEFAULT_TYPES.has(this.type);
    if (kind === 'component') return false;
    return (option === 'unique' ? UNIQUE_TYPES : INDEXABLE_TYPES).has(this.type);
  }

  has(key: keyof FieldDefinition): boolean {
    return TYPE_KEYS[this.type].includes(key);
  }

  /** The field as the API takes it: the common keys that are set and the keys of its type, nothing else. */
  toDefinition(kind: ContentTypeKind): FieldDefinition {
    const v = this.form.getRawValue();
    const field: FieldDefinition = { name: v.name.trim(), type: v.type, localized: v.localized };
    if (v.label.trim()) field.label = v.label.trim();
    if (v.description.trim()) field.description = v.description.trim();
    if (v.required) field.required = true;
    if (v.private) field.private = true;
    if (v.unique && this.allows('unique', kind)) field.unique = true;
    if (v.indexed && this.allows('indexed', kind)) field.indexed = true;
    if (v.default.trim() !== '' && this.allows('default', kind)) field.default = parseDefault(v.type, v.default);
    switch (v.type) {
      case 'text':
      case 'longText':
        setNumber(field, 'minLength', v.minLength);
        setNumber(field, 'maxLength', v.maxLength);
        if (v.pattern) field.pattern = v.pattern;
        break;
      case 'richText':
        setNumber(field, 'maxLength', v.maxLength);
        break;
      case 'integer':
      case 'decimal':
        setNumber(field, 'min', v.min);
        setNumber(field, 'max', v.max);
        break;
      case 'enum':
        field.values = enumValues(v.values);
        break;
      case 'slug':
        if (v.sourceField) field.sourceField = v.sourceField;
        break;
      case 'media': {
        if (v.multiple) field.multiple = true;
        const others = v.otherTypes
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean);
        const allowed = [...v.allowedKinds, ...others];
        if (allowed.length > 0) field.allowedTypes = allowed;
        break;
      }
      case 'relation':
        // An empty target is sent as missing, so the API names it on the field.
        if (v.target) field.target = v.target;
        if (v.multiple) field.multiple = true;
        field.onDelete = v.onDelete;
        break;
      case 'component':
        if (v.component) field.component = v.component;
        if (v.repeatable) {
          field.repeatable = true;
          setNumber(field, 'minItems', v.minItems);
          setNumber(field, 'maxItems', v.maxItems);
        }
        break;
      default:
        break;
    }
    return field;
  }

  /**
   * Shows the API's message for option `key` (`maxLength`, `values`, `allowedTypes`…) on its input; false when the
   * editor has no input for it.
   */
  showApiError(key: string, message: string): boolean {
    const name = key === 'allowedTypes' ? 'otherTypes' : key;
    const control = name === 'allowedKinds' ? null : this.form.get(name);
    if (!control) return false;
    const earlier = this.apiErrors.get(name);
    this.apiErrors.set(name, { message: earlier ? `${earlier.message} ${message}` : message, value: control.value });
    control.updateValueAndValidity();
    control.markAsTouched();
    return true;
  }

  clearApiErrors(): void {
    this.apiErrors.clear();
    this.problems.set([]);
    for (const control of Object.values(this.form.controls)) control.updateValueAndValidity();
  }
}

export function enumValues(text: string): string[] {
  return text
    .split('\n')
    .map((value) => value.trim())
    .filter(Boolean);
}

function setNumber(
  field: FieldDefinition,
  key: 'minLength' | 'maxLength' | 'min' | 'max' | 'minItems' | 'maxItems',
  value: number | null,
): void {
  if (value !== null && value !== undefined && !Number.isNaN(value)) field[key] = value;
}

/** The typed default as the field's value; what does not read as one is sent as typed, for the API to name. */
function parseDefault(type: FieldType, text: string): unknown {
  const value = text.trim();
  switch (type) {
    case 'integer':
    case 'decimal':
      return Number.isNaN(Number(value)) ? value : Number(value);
    case 'boolean':
      return value === 'true';
    case 'json':
    case 'richText':
    case 'component':
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    default:
      return value;
  }
}

function defaultAsText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
