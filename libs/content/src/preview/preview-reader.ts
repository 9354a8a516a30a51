import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';
import type { TypeCatalog } from '../delivery/delivery-state';
import { PreviewDraftRows } from './preview-draft-rows';
import type { PreviewScope } from './preview-token';
import { PreviewTokenStore } from './preview-token.store';

/** What delivery reads with a valid preview token: its scope and the workspace's drafts. */
export interface PreviewSession {
  scope: PreviewScope;
  rows: PreviewDraftRows;
}

/** Turns a `Quire-Preview` header into a preview session of the context's workspace (401 when the token is not live). */
@Injectable()
export class PreviewReader {
  constructor(
    private readonly tokens: PreviewTokenStore,
    private readonly db: TenantDataSource,
  ) {}

  async open(ctx: RequestContext, token: string, catalog: TypeCatalog): Promise<PreviewSession> {
    const scope = await this.tokens.resolve(ctx, token);
    return { scope, rows: new PreviewDraftRows((c) => this.db.manager(c), catalog, scope) };
  }
}
