import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';
import { ContentType } from '../entities/content-type.entity';
import type { ContentTypeDefinition, ContentTypeKind } from '../schema/field-definition';

/** A content type as the services use it: its definition plus the workspace's components it may embed. */
export interface LoadedContentType {
  id: string;
  apiId: string;
  kind: ContentTypeKind;
  version: number;
  publicRead: boolean;
  definition: ContentTypeDefinition;
  /** Every component type of the workspace by API id (a type embeds them by `component: apiId`). */
  components: ReadonlyMap<string, ContentTypeDefinition>;
}

/** Reads content types of the context's workspace: the type asked for and the workspace's components, in one query. */
@Injectable()
export class ContentTypeLookup {
  constructor(private readonly db: TenantDataSource) {}

  async byApiId(ctx: RequestContext, apiId: string): Promise<LoadedContentType | null> {
    const rows = await this.db
      .repository(ctx, ContentType)
      .createQueryBuilder('t')
      .select(['t.id', 't.apiId', 't.kind', 't.version', 't.publicRead', 't.definition'])
      .andWhere(`(t.api_id = :apiId OR t.kind = 'component')`, { apiId })
      .getMany();
    return this.assemble(rows, (t) => t.apiId === apiId);
  }

  async byId(ctx: RequestContext, id: string): Promise<LoadedContentType | null> {
    const rows = await this.db
      .repository(ctx, ContentType)
      .createQueryBuilder('t')
      .select(['t.id', 't.apiId', 't.kind', 't.version', 't.publicRead', 't.definition'])
      .andWhere(`(t.id = :id OR t.kind = 'component')`, { id })
      .getMany();
    return this.assemble(rows, (t) => t.id === id);
  }

  private assemble(rows: ContentType[], isWanted: (t: ContentType) => boolean): LoadedContentType | null {
    const wanted = rows.find(isWanted);
    if (!wanted) return null;
    const components = new Map<string, ContentTypeDefinition>();
    for (const row of rows) if (row.kind === 'component') components.set(row.apiId, row.definition);
    return {
      id: wanted.id,
      apiId: wanted.apiId,
      kind: wanted.kind,
      version: wanted.version,
      publicRead: wanted.publicRead,
      definition: wanted.definition,
      components,
    };
  }
}
