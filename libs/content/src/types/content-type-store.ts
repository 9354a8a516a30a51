import { Injectable } from '@nestjs/common';
import { EventBus, TenantDataSource, uuidv7, type RequestContext } from '@quire/core';
import { ContentType } from '../entities/content-type.entity';
import type { ContentTypeDefinition } from '../schema/field-definition';
import type { TypeDefinitionEnvironment } from '../schema/validate-type-definition';
import { bumpDeliveryGeneration } from '../shared/delivery-generation';
import { ContentTypeExistsError, ContentTypeInUseError } from './content-types.errors';
import { syncFieldIndexes } from './field-indexes';
import { SchemaChangeService } from './schema-change.service';
import { usersOf } from './type-dependencies';

/** What a definition is validated against: the components and relation targets a set of types provides. */
export function environmentOf(
  definitions: Iterable<ContentTypeDefinition>,
  extraRelationTarget?: string,
): TypeDefinitionEnvironment {
  const components = new Map<string, ContentTypeDefinition>();
  const relationTargets = new Set<string>();
  for (const definition of definitions) {
    if (definition.kind === 'component') components.set(definition.apiId, definition);
    else relationTargets.add(definition.apiId);
  }
  if (extraRelationTarget) relationTargets.add(extraRelationTarget);
  return { components, relationTargets };
}

const UNIQUE_VIOLATION = '23505';

/** Creating and deleting type rows with what goes with them (version 1, indexes, events, delivery generation). */
@Injectable()
export class ContentTypeStore {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly schemaChanges: SchemaChangeService,
  ) {}

  /** Every type of the workspace, locked: schema writes of one workspace run one after the other. */
  lockAll(tx: RequestContext): Promise<ContentType[]> {
    return this.db
      .repository(tx, ContentType)
      .createQueryBuilder('t')
      .orderBy('t.api_id')
      .setLock('pessimistic_write')
      .getMany();
  }

  async insert(tx: RequestContext, definition: ContentTypeDefinition): Promise<ContentType> {
    const manager = this.db.manager(tx);
    const id = uuidv7();
    try {
      // A savepoint, so that a concurrent insert of the same API id becomes a 409 without poisoning the transaction.
      await manager.query('SAVEPOINT content_type_insert');
      await manager.insert(ContentType, {
        id,
        workspaceId: tx.workspaceId,
        apiId: definition.apiId,
        kind: definition.kind,
        name: definition.name,
        definition: definition as never,
        version: 1,
        publicRead: definition.options?.publicRead === true,
        createdBy: tx.actor.type === 'user' ? tx.actor.id : null,
      });
      await manager.query('RELEASE SAVEPOINT content_type_insert');
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        await manager.query('ROLLBACK TO SAVEPOINT content_type_insert');
        throw new ContentTypeExistsError(definition.apiId);
      }
      throw error;
    }
    await this.schemaChanges.recordVersion(tx, id, 1, definition, [{ kind: 'type-created' }]);
    await syncFieldIndexes(manager, id, definition);
    await this.events.publish(tx, 'content.type.created', {
      contentTypeId: id,
      apiId: definition.apiId,
      kind: definition.kind,
      version: 1,
    });
    await bumpDeliveryGeneration(tx, manager);
    return (await this.db.repository(tx, ContentType).findOneBy({ id }))!;
  }

  /** Refuses (409) while the type has entries (trash included) or another of `remaining` points at it. */
  async assertUnused(tx: RequestContext, row: ContentType, remaining: readonly ContentTypeDefinition[]): Promise<void> {
    const [{ count }] = await this.db
      .manager(tx)
      .query(`SELECT count(*)::int AS count FROM content_entries WHERE workspace_id = $1 AND content_type_id = $2`, [
        tx.workspaceId,
        row.id,
      ]);
    const users = usersOf(row.apiId, remaining);
    if (count > 0 || users.relationsFrom.length > 0 || users.embeddedBy.length > 0)
      throw new ContentTypeInUseError(row.apiId, { entries: count, ...users });
  }

  async delete(tx: RequestContext, row: ContentType): Promise<void> {
    const manager = this.db.manager(tx);
    await syncFieldIndexes(manager, row.id, null);
    // Versions go with the type (ON DELETE CASCADE).
    await this.db.repository(tx, ContentType).delete({ id: row.id });
    await this.events.publish(tx, 'content.type.deleted', { contentTypeId: row.id, apiId: row.apiId });
    await bumpDeliveryGeneration(tx, manager);
  }
}
