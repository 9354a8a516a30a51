import { subject } from '@casl/ability';
import { ForbiddenActionError, type RequestContext } from '@quire/core';
import type { MediaAsset } from '../entities/media-asset.entity';
import { AssetNotFoundError } from '../media.errors';
import { ASSET_SUBJECT } from '../media.permissions';

/** The asset as CASL sees it: the condition fields custom roles may narrow by (media.permissions.ts). */
export function assetSubject(asset: Pick<MediaAsset, 'uploadedBy' | 'folderId' | 'visibility' | 'kind'>) {
  return subject(ASSET_SUBJECT, {
    uploadedBy: asset.uploadedBy,
    folderId: asset.folderId,
    visibility: asset.visibility,
    kind: asset.kind,
  });
}

/**
 * What the caller may not read does not exist for it (404); what it may read but not change is a 403. A missing
 * asset is a 404 too.
 */
export function assertAssetAccess(
  ctx: RequestContext,
  id: string,
  asset: MediaAsset | null,
  action: string,
): asserts asset is MediaAsset {
  if (!asset || !ctx.ability.can('read', assetSubject(asset))) throw new AssetNotFoundError(id);
  if (action !== 'read' && !ctx.ability.can(action, assetSubject(asset))) {
    throw new ForbiddenActionError(action, ASSET_SUBJECT);
  }
}

/** The uploading member, or null for API keys and jobs (which are not people). */
export function actorUserId(ctx: RequestContext): string | null {
  return ctx.actor.type === 'user' ? ctx.actor.id : null;
}
