import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@quire/core';
import { ContentSchemaService } from '../types/content-schema.service';

/** What applying an import's schema snapshot did: the types it created and updated (it never deletes). */
export interface AppliedSchema {
  created: string[];
  updated: string[];
}

/** The content-types part an import and an export need: the workspace's schema snapshot, and applying one. */
@Injectable()
export class SchemaTransfer {
  constructor(private readonly schemas: ContentSchemaService) {}

  /** The snapshot `GET content-schema` returns. */
  snapshot(ctx: RequestContext): Promise<unknown> {
    return this.schemas.export(ctx);
  }

  /** Applies a snapshot inside the caller's transaction, as `POST content-schema/apply` would without deleteMissing. */
  async apply(tx: RequestContext, snapshot: unknown): Promise<AppliedSchema> {
    const outcome = await this.schemas.apply(tx, { snapshot, deleteMissing: false });
    return { created: outcome.create, updated: outcome.update.map((u) => u.apiId) };
  }
}
