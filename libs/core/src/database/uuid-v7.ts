import { v7 } from 'uuid';

/** Time-ordered ids (UUIDv7): index-friendly like serials, unguessable enough to expose. */
export function uuidv7(): string {
  return v7();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
