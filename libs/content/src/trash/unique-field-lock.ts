import type { EntityManager } from 'typeorm';

/**
 * Takes, for the rest of the transaction, the lock entry saves take before checking a unique or slug field
 * (`content-unique:<type id>:<field>`), so a restore or an import checking a value and a save taking it cannot
 * interleave. Callers lock fields in name order, as saves do, so they never deadlock.
 */
export async function lockUniqueField(manager: EntityManager, typeId: string, field: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`content-unique:${typeId}:${field}`]);
}
