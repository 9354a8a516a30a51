import type { RetentionPolicy } from '@quire/core';
import { heldSql } from './legal-hold-filter';
import { keptIntervalSql, type ResolvedDuration } from './retention-duration';
import { quoteIdent } from './sql-identifier';
import { SqlParams } from './sql-params';

/** Rows selected (and changed) per transaction: short transactions, bounded memory. */
export const RETENTION_BATCH_SIZE = 1000;

/** The alias of the policy's table in every statement (a policy's `condition` names its columns unqualified). */
const ROW = 't';

/** Where a batch selection resumes: after the last row of the previous batch, in (ageColumn, idColumn) order. */
export interface BatchCursor {
  age: string;
  id: string;
}

export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * The SQL of one policy. Due rows: `ageColumn < now() - kept AND (condition)`; of those, the rows an active legal
 * hold covers are spared. The dry run counts with the very predicate the run selects with, so the two agree.
 */
export class PolicySelection {
  private readonly table: string;
  private readonly age: string;
  private readonly id: string;

  constructor(
    readonly policy: RetentionPolicy,
    private readonly duration: ResolvedDuration,
    readonly batchSize = RETENTION_BATCH_SIZE,
  ) {
    this.table = quoteIdent(policy.table);
    this.age = `${ROW}.${quoteIdent(policy.ageColumn)}`;
    this.id = `${ROW}.${quoteIdent(policy.idColumn ?? 'id')}`;
  }

  /** Due and held row counts, read without locks. */
  count(): Statement {
    const params = new SqlParams();
    return {
      sql:
        `SELECT count(*) FILTER (WHERE NOT s.held)::bigint AS due, count(*) FILTER (WHERE s.held)::bigint AS held ` +
        `FROM (SELECT ${heldSql(this.policy, ROW)} AS held FROM ${this.table} ${ROW} WHERE ${this.due(params)}) s`,
      params: params.values,
    };
  }

  /**
   * The next batch of due, unheld rows, oldest first, locked for this transaction; rows another transaction holds
   * locked (a member restoring an entry right now) are skipped and left to the next run. The cursor (keyset on age,
   * then id) guarantees progress even when an executor leaves some rows in place.
   */
  nextBatch(cursor: BatchCursor | undefined): Statement {
    const params = new SqlParams();
    const where = [this.due(params), `NOT ${heldSql(this.policy, ROW)}`];
    if (cursor) {
      const age = params.add(cursor.age);
      where.push(`${this.age} >= ${age} AND (${this.age} > ${age} OR ${this.id} > ${params.add(cursor.id)})`);
    }
    return {
      sql:
        `SELECT ${this.id} AS id, ${this.age}::text AS age FROM ${this.table} ${ROW} ` +
        `WHERE ${where.join(' AND ')} ORDER BY ${this.age}, ${this.id} LIMIT ${params.add(this.batchSize)} ` +
        `FOR UPDATE OF ${ROW} SKIP LOCKED`,
      params: params.values,
    };
  }

  /** The plain action on a batch: DELETE, or UPDATE from the policy's `anonymize` map. */
  apply(ids: string[]): Statement {
    const params = new SqlParams();
    const idColumn = quoteIdent(this.policy.idColumn ?? 'id');
    if (this.policy.action === 'delete') {
      return { sql: `DELETE FROM ${this.table} WHERE ${idColumn} = ANY(${params.add(ids)})`, params: params.values };
    }
    const sets = Object.entries(this.policy.anonymize ?? {}).map(
      ([column, value]) => `${quoteIdent(column)} = ${params.add(value)}`,
    );
    return {
      sql: `UPDATE ${this.table} SET ${sets.join(', ')} WHERE ${idColumn} = ANY(${params.add(ids)})`,
      params: params.values,
    };
  }

  private due(params: SqlParams): string {
    const kept = keptIntervalSql(this.duration, this.policy, ROW, params);
    const condition = this.policy.condition ? ` AND (${this.policy.condition})` : '';
    return `${this.age} < now() - ${kept}${condition}`;
  }
}
