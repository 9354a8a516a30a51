import { createHash } from 'node:crypto';

/**
 * The 64-bit key of a PostgreSQL advisory lock, from a name. Namespaced so that a job's lock never collides with
 * another subsystem's locks on the same key space; returned as a decimal string for a `$1::bigint` parameter.
 */
export function advisoryLockKey(namespace: string, name: string): string {
  return createHash('sha256').update(`${namespace}:${name}`).digest().readBigInt64BE(0).toString();
}
