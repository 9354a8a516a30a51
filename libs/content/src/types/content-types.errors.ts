import { QuireError } from '@quire/core';
import type { DuplicateValue } from './unique-values';

export type ContentTypesErrorCode =
  | 'content.type-not-found'
  | 'content.type-exists'
  | 'content.type-version-not-found'
  | 'content.type-in-use'
  | 'content.kind-change-refused'
  | 'content.schema-change-orphans-data'
  | 'content.schema-change-invalidates-entries'
  | 'content.schema-change-duplicate-values';

/** One entry whose data a schema change would lose or break: which locale (null: shared values) and which fields. */
export interface AffectedEntry {
  entryId: string;
  locale: string | null;
  /** `draft` for the working values, `published` for the published document of the locale. */
  state: 'draft' | 'published';
  fields: Array<{ path: string; message: string }>;
}

/** What a schema change does to existing entries; `entries` is capped, `total` counts every affected entry. */
export interface SchemaChangeReport {
  entries: AffectedEntry[];
  total: number;
}

/** Unknown, or not readable by the caller: the same answer, so a type's existence is not disclosed. */
export class ContentTypeNotFoundError extends QuireError {
  constructor(apiId: string) {
    super({
      code: 'content.type-not-found' satisfies ContentTypesErrorCode,
      status: 404,
      title: 'Content type not found',
      detail: `No content type "${apiId}" in this workspace.`,
    });
  }
}

export class ContentTypeExistsError extends QuireError {
  constructor(apiId: string) {
    super({
      code: 'content.type-exists' satisfies ContentTypesErrorCode,
      status: 409,
      title: 'Content type exists',
      detail: `This workspace already has a content type "${apiId}"; API ids are unique per workspace.`,
      extensions: { apiId },
    });
  }
}

export class ContentTypeVersionNotFoundError extends QuireError {
  constructor(apiId: string, version: string) {
    super({
      code: 'content.type-version-not-found' satisfies ContentTypesErrorCode,
      status: 404,
      title: 'Content type version not found',
      detail: `Content type "${apiId}" has no version ${version}.`,
    });
  }
}

/** Deleting a type that still has entries, is a relation target or is embedded as a component. */
export class ContentTypeInUseError extends QuireError {
  constructor(apiId: string, usage: { entries: number; relationsFrom: string[]; embeddedBy: string[] }) {
    const reasons = [
      usage.entries ? `${usage.entries} entr${usage.entries === 1 ? 'y' : 'ies'} (trash included)` : null,
      usage.relationsFrom.length ? `relations from ${usage.relationsFrom.join(', ')}` : null,
      usage.embeddedBy.length ? `embedded by ${usage.embeddedBy.join(', ')}` : null,
    ].filter(Boolean);
    super({
      code: 'content.type-in-use' satisfies ContentTypesErrorCode,
      status: 409,
      title: 'Content type in use',
      detail: `Content type "${apiId}" is in use: ${reasons.join('; ')}. Remove those first.`,
      extensions: { apiId, ...usage },
    });
  }
}

/** Collection ↔ singleton only while the type has at most one entry; a component never changes kind. */
export class KindChangeRefusedError extends QuireError {
  constructor(apiId: string, from: string, to: string, entries: number) {
    super({
      code: 'content.kind-change-refused' satisfies ContentTypesErrorCode,
      status: 409,
      title: 'Kind change refused',
      detail:
        from === 'component' || to === 'component'
          ? `Content type "${apiId}" cannot change from ${from} to ${to}: components hold no entries and other types embed them.`
          : `Content type "${apiId}" has ${entries} entries: it can change from ${from} to ${to} only with at most one.`,
      extensions: { apiId, from, to, entries },
    });
  }
}

export class SchemaChangeOrphansDataError extends QuireError {
  constructor(apiId: string, report: SchemaChangeReport) {
    super({
      code: 'content.schema-change-orphans-data' satisfies ContentTypesErrorCode,
      status: 409,
      title: 'Schema change would orphan data',
      detail:
        `The change to "${apiId}" removes values that ${report.total} entr${report.total === 1 ? 'y holds' : 'ies hold'} ` +
        `(see report). Send migration "drop-data" to remove them (revisions keep the old values), or keep the field.`,
      extensions: { apiId, report },
    });
  }
}

export class SchemaChangeInvalidatesEntriesError extends QuireError {
  constructor(apiId: string, report: SchemaChangeReport) {
    super({
      code: 'content.schema-change-invalidates-entries' satisfies ContentTypesErrorCode,
      status: 409,
      title: 'Schema change would invalidate entries',
      detail:
        `Under the new definition of "${apiId}", ${report.total} entr${report.total === 1 ? 'y is' : 'ies are'} invalid ` +
        `(see report). Send migration "reset-invalid-values" to remove those values (or set the field's default).`,
      extensions: { apiId, report },
    });
  }
}

/** A field made unique (or a unique field added) while entries already share values: no migration option helps. */
export class SchemaChangeDuplicateValuesError extends QuireError {
  constructor(apiId: string, duplicates: DuplicateValue[], report: SchemaChangeReport) {
    const fields = [...new Set(duplicates.map((d) => d.field))];
    super({
      code: 'content.schema-change-duplicate-values' satisfies ContentTypesErrorCode,
      status: 409,
      title: 'Schema change meets duplicate values',
      detail:
        `Under the new definition of "${apiId}", ${fields.join(', ')} must be unique, but ${report.total} ` +
        `entr${report.total === 1 ? 'y shares' : 'ies share'} values (see duplicates and report). Make the values ` +
        `unique first (drafts and published versions, trash excluded), then retry.`,
      extensions: { apiId, duplicates, report },
    });
  }
}
