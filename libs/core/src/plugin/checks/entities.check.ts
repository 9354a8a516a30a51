import { DefaultNamingStrategy, getMetadataArgsStorage } from 'typeorm';
import type { EntityClass } from '../plugin.types';
import type { Candidate } from './candidate';
import { suggestTable } from './names';
import { problemOn, type PositionedProblem } from './problem';
import { describeValue } from './values';

/** The tables the plugins' entities map to, as later checks and the registry's summaries need them. */
export interface PluginTables {
  /** Table name of every entity (qualified as `schema.table` when the entity sets a schema). */
  nameOf: Map<EntityClass, string>;
  /** Per plugin: the tables its own entities map to, with their column names. */
  columnsByPlugin: Map<Candidate, Map<string, Set<string>>>;
}

const naming = new DefaultNamingStrategy();

/** Every entity is a decorated class, and each table belongs to one entity of one plugin. */
export function checkEntities(candidates: readonly Candidate[]): {
  tables: PluginTables;
  problems: PositionedProblem[];
} {
  const problems: PositionedProblem[] = [];
  const nameOf = new Map<EntityClass, string>();
  const columnsByPlugin = new Map<Candidate, Map<string, Set<string>>>();
  const tableOwners = new Map<string, { plugin: Candidate; entity: EntityClass }>();
  for (const c of candidates) {
    const tables = new Map<string, Set<string>>();
    columnsByPlugin.set(c, tables);
    (c.definition.entities ?? []).forEach((entity: unknown, i) => {
      if (typeof entity !== 'function') {
        problems.push(
          problemOn(
            c,
            `entities[${i}] is ${describeValue(entity)}, not an entity class`,
            'check the import of that entity (a circular import between files yields undefined)',
          ),
        );
        return;
      }
      const described = entityTable(entity);
      if (described === undefined) {
        problems.push(
          problemOn(
            c,
            `entity class ${entity.name} has no @Entity() decorator, so TypeORM maps it to no table`,
            `add @Entity({ name: '${naming.tableName(entity.name, undefined)}' }) to ${entity.name}, or remove it from entities`,
          ),
        );
        return;
      }
      nameOf.set(entity, described.table);
      const columns = tables.get(described.table) ?? new Set<string>();
      described.columns.forEach((col) => columns.add(col));
      tables.set(described.table, columns);
      if (described.sharesParentTable) return;
      const owner = tableOwners.get(described.table);
      if (owner === undefined) {
        tableOwners.set(described.table, { plugin: c, entity });
      } else if (owner.entity === entity) {
        problems.push(
          problemOn(
            c,
            owner.plugin === c
              ? `entity ${entity.name} is listed twice in entities`
              : `entity ${entity.name} is also listed by plugin "${owner.plugin.label}"`,
            owner.plugin === c
              ? `remove the second ${entity.name} from entities`
              : `list ${entity.name} only in the plugin that owns its table`,
          ),
        );
      } else {
        problems.push(
          problemOn(
            c,
            `entity ${entity.name} maps to table "${described.table}", which entity ${owner.entity.name} of plugin "${owner.plugin.label}" already maps to`,
            `give ${entity.name} its own table with @Entity({ name: '${suggestTable(c.label, described.table)}' }), or remove one of the two entities`,
          ),
        );
      }
    });
  }
  return { tables: { nameOf, columnsByPlugin }, problems };
}

/** What TypeORM will create for a class, or undefined when the class has no `@Entity` (or `@ChildEntity`). */
function entityTable(
  entity: EntityClass,
): { table: string; sharesParentTable: boolean; columns: Set<string> } | undefined {
  const storage = getMetadataArgsStorage();
  const own = storage.tables.find((t) => t.target === entity);
  if (own === undefined) return undefined;
  const tree = inheritanceTree(entity);
  // Single-table inheritance: a child entity lives in the table of its closest decorated ancestor.
  const holder =
    own.type === 'entity-child'
      ? (tree
          .slice(1)
          .map((t) => storage.tables.find((x) => x.target === t))
          .find((t) => t !== undefined) ?? own)
      : own;
  const holderName = typeof holder.target === 'function' ? holder.target.name : String(holder.target);
  const name = naming.tableName(holderName, holder.name);
  const table = holder.schema ? `${holder.schema}.${name}` : name;

  const columns = new Set<string>();
  for (const column of storage.filterColumns(tree)) {
    // Computed on read, not stored: a data inventory cannot point at them.
    const computed =
      column.mode === 'virtual-property' || column.mode === 'treeChildrenCount' || column.mode === 'treeLevel';
    if (!computed) columns.add(naming.columnName(column.propertyName, column.options.name ?? '', []));
  }
  for (const relation of storage.filterRelations(tree)) {
    // Only the owning side of a relation has a column: many-to-one always, one-to-one when it has @JoinColumn.
    const joinColumns = storage.filterJoinColumns(relation.target, relation.propertyName);
    const owning =
      relation.relationType === 'many-to-one' || (relation.relationType === 'one-to-one' && joinColumns.length > 0);
    if (!owning) continue;
    for (const jc of joinColumns.length > 0 ? joinColumns : [{ name: undefined, referencedColumnName: undefined }]) {
      columns.add(jc.name ?? naming.joinColumnName(relation.propertyName, jc.referencedColumnName ?? 'id'));
    }
  }
  return { table, sharesParentTable: holder !== own, columns };
}

function inheritanceTree(entity: EntityClass): EntityClass[] {
  const tree: EntityClass[] = [];
  for (let at: unknown = entity; typeof at === 'function' && at.name !== ''; at = Object.getPrototypeOf(at)) {
    tree.push(at);
  }
  return tree;
}
