import type { FieldDef } from './entry-model';

/** The columns of an entry list besides the title: meta columns, then the type's listable fields by name. */
export const META_COLUMNS = ['status', 'updatedAt', 'createdAt', 'publishedAt'] as const;
const DEFAULT_COLUMNS = ['status', 'updatedAt'];

export function metaColumnLabel(column: string): string {
  switch (column) {
    case 'status':
      return $localize`:@@entries.col.status:Status`;
    case 'updatedAt':
      return $localize`:@@entries.col.updatedAt:Updated`;
    case 'createdAt':
      return $localize`:@@entries.col.createdAt:Created`;
    default:
      return $localize`:@@entries.col.publishedAt:Published`;
  }
}

/**
 * The member's column choice per workspace and type, kept in this browser (localStorage, which sign-out clears):
 * a preference of the screen, not data of the workspace.
 */
export function loadColumns(workspace: string, type: string, fields: FieldDef[]): string[] {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey(workspace, type)) ?? 'null') as unknown;
    if (Array.isArray(stored)) {
      const known = new Set<string>([...META_COLUMNS, ...fields.map((f) => f.name)]);
      return stored.filter((c): c is string => typeof c === 'string' && known.has(c));
    }
  } catch {
    // An unreadable choice falls back to the default.
  }
  return DEFAULT_COLUMNS;
}

export function saveColumns(workspace: string, type: string, columns: string[]): void {
  localStorage.setItem(storageKey(workspace, type), JSON.stringify(columns));
}

function storageKey(workspace: string, type: string): string {
  return `quire.entries.columns.${workspace}.${type}`;
}

/** The list operators the field's type takes (docs/list-queries.md), as the filter row offers them. */
export function operatorsFor(field: FieldDef | undefined): string[] {
  if (!field) return ['eq'];
  switch (field.type) {
    case 'text':
    case 'longText':
    case 'email':
    case 'url':
    case 'slug':
      return ['contains', 'eq', 'ne'];
    case 'integer':
    case 'decimal':
    case 'date':
    case 'datetime':
      return ['eq', 'gte', 'lte'];
    default:
      return ['eq', 'ne'];
  }
}

export function operatorLabel(op: string): string {
  switch (op) {
    case 'contains':
      return $localize`:@@entries.op.contains:contains`;
    case 'ne':
      return $localize`:@@entries.op.ne:is not`;
    case 'gte':
      return $localize`:@@entries.op.gte:at least`;
    case 'lte':
      return $localize`:@@entries.op.lte:at most`;
    default:
      return $localize`:@@entries.op.eq:is`;
  }
}
