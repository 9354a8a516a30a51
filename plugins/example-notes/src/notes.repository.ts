import { Injectable } from '@nestjs/common';
import {
  TenantDataSource,
  type ListQuerySpec,
  type Page,
  type ParsedListQuery,
  type RequestContext,
} from '@quire/core';
import { Note } from './entities/note.entity';

/** The fields a client may filter, sort and select on; anything else in a list query is a 400. */
export const noteListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, selectable: true },
    title: { type: 'text', column: 'title', filterable: true, sortable: true, selectable: true },
    body: { type: 'text', column: 'body', selectable: true },
    status: {
      type: 'enum',
      column: 'status',
      enumValues: ['draft', 'published'],
      filterable: true,
      sortable: true,
      selectable: true,
    },
    priority: { type: 'integer', column: 'priority', filterable: true, sortable: true, selectable: true },
    createdById: { type: 'string', column: 'created_by_id', filterable: true, selectable: true },
    createdAt: { type: 'datetime', column: 'created_at', filterable: true, sortable: true, selectable: true },
    updatedAt: { type: 'datetime', column: 'updated_at', filterable: true, sortable: true, selectable: true },
  },
  defaultSort: '-createdAt',
  tieBreaker: 'id',
  defaultPageSize: 20,
  maxPageSize: 100,
};

/** Permission condition fields of `Note` → columns, for rules like `{ createdById: '{{actor.id}}' }`. */
const notePermissionFields = { createdById: 'created_by_id', status: 'status', priority: 'priority', id: 'id' };

@Injectable()
export class NotesRepository {
  constructor(private readonly db: TenantDataSource) {}

  findById(ctx: RequestContext, id: string): Promise<Note | null> {
    return this.db.repository(ctx, Note).findOneBy({ id });
  }

  create(ctx: RequestContext, note: Partial<Note>): Promise<Note> {
    return this.db.repository(ctx, Note).save(note);
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    await this.db.repository(ctx, Note).delete({ id });
  }

  list(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<{ page: Page<Note>; query: ParsedListQuery }> {
    return this.db
      .repository(ctx, Note)
      .list(rawQuery, noteListSpec, { action: 'read', subject: 'Note', fields: notePermissionFields });
  }
}
