import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataInventoryService } from '../inventory/data-inventory.service';
import { childrenFirst, readSubjectTables, type SubjectTable } from './subject-tables';

/**
 * The inventory's tables with their shape (columns, keys, foreign keys), read from the catalogue on first use:
 * migrations have run by then and the schema does not change while the installation runs.
 */
@Injectable()
export class SubjectTableCatalog {
  private tables: Promise<SubjectTable[]> | null = null;

  constructor(
    private readonly inventory: DataInventoryService,
    private readonly dataSource: DataSource,
  ) {}

  /** In inventory order (plugins, then their declarations). */
  all(): Promise<SubjectTable[]> {
    this.tables ??= readSubjectTables(this.dataSource.manager, this.inventory.get().activities).catch((error) => {
      this.tables = null;
      throw error;
    });
    return this.tables;
  }

  /** Children before the tables they reference: the order rows can be deleted in. */
  async erasureOrder(): Promise<SubjectTable[]> {
    return childrenFirst(await this.all());
  }
}
