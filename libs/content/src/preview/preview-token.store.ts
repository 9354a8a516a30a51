import { Injectable } from '@nestjs/common';
import { TenantDataSource, uuidv7, type RequestContext } from '@quire/core';
import { PreviewTokenInvalidError } from './preview.errors';
import { hashPreviewToken, looksLikePreviewToken, newPreviewToken, type PreviewScope } from './preview-token';

/** Mints preview tokens and resolves them back to their scope; every statement is bound to the context's workspace. */
@Injectable()
export class PreviewTokenStore {
  constructor(private readonly db: TenantDataSource) {}

  /** A new token of the context's workspace; expired tokens of the workspace are erased on the way. */
  async mint(
    ctx: RequestContext,
    scope: PreviewScope,
    ttlSeconds: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newPreviewToken();
    const manager = this.db.manager(ctx);
    await manager.query(`DELETE FROM content_preview_tokens WHERE workspace_id = $1 AND expires_at <= now()`, [
      ctx.workspaceId,
    ]);
    const [row] = await manager.query<Array<{ expires_at: Date }>>(
      `INSERT INTO content_preview_tokens (id, workspace_id, token_hash, created_by, content_type_id, entry_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))
       RETURNING expires_at`,
      [
        uuidv7(),
        ctx.workspaceId,
        hashPreviewToken(token),
        ctx.actor.type === 'user' ? ctx.actor.id : null,
        scope.contentTypeId,
        scope.entryId,
        ttlSeconds,
      ],
    );
    return { token, expiresAt: new Date(row.expires_at) };
  }

  /** The scope of a live token of the context's workspace; anything else is the same 401. */
  async resolve(ctx: RequestContext, token: string): Promise<PreviewScope> {
    if (!looksLikePreviewToken(token)) throw new PreviewTokenInvalidError();
    const [row] = await this.db.manager(ctx).query<Array<{ content_type_id: string | null; entry_id: string | null }>>(
      `SELECT content_type_id, entry_id FROM content_preview_tokens
          WHERE workspace_id = $1 AND token_hash = $2 AND expires_at > now()`,
      [ctx.workspaceId, hashPreviewToken(token)],
    );
    if (!row) throw new PreviewTokenInvalidError();
    return { contentTypeId: row.content_type_id, entryId: row.entry_id };
  }
}
