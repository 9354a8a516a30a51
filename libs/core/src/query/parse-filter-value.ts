import type { ListFieldSpec } from './list-query.types';
import { parseIsoDateTime } from './parse-iso-datetime';

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export type FilterValueResult = { ok: true; value: string | number | boolean | Date } | { ok: false };

/** Parses one filter value by the field's declared type; the caller words the error. */
export function parseFilterValue(field: ListFieldSpec, text: string): FilterValueResult {
  switch (field.type) {
    case 'string':
    case 'text':
      return { ok: true, value: text };
    case 'uuid':
      // Lower-cased: the form PostgreSQL prints, so it also matches uuids kept as jsonb text.
      return UUID.test(text) ? { ok: true, value: text.toLowerCase() } : { ok: false };
    case 'integer': {
      const n = Number(text);
      return INTEGER.test(text) && Number.isSafeInteger(n) ? { ok: true, value: n + 0 } : { ok: false };
    }
    case 'number': {
      const n = Number(text);
      // `+ 0` turns -0 into 0: PostgreSQL has no negative zero worth preserving.
      return NUMBER.test(text) && Number.isFinite(n) ? { ok: true, value: n + 0 } : { ok: false };
    }
    case 'boolean':
      return text === 'true' || text === 'false' ? { ok: true, value: text === 'true' } : { ok: false };
    case 'datetime': {
      const date = parseIsoDateTime(text);
      return date ? { ok: true, value: date } : { ok: false };
    }
    case 'enum':
      return field.enumValues?.includes(text) ? { ok: true, value: text } : { ok: false };
  }
}

/** What a valid value looks like, for messages: `expected an integer`. */
export function expectedValue(field: ListFieldSpec): string {
  switch (field.type) {
    case 'string':
    case 'text':
      return 'a string';
    case 'uuid':
      return 'a UUID';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'datetime':
      return 'an ISO 8601 date-time such as 2024-05-01T12:00:00Z (UTC when no offset; write + as %2B)';
    case 'enum':
      return `one of: ${(field.enumValues ?? []).join(', ')}`;
  }
}
