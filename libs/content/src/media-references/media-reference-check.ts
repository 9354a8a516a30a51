import { isUuid } from '@quire/core';
import type { EntryReference } from '../schema/references';
import type { MediaAssetFacts } from './media-asset-catalog';

/** A media id of a draft that the library does not back, at the field that holds it. */
export interface BrokenMediaReference {
  fieldPath: string;
  message: string;
}

/**
 * The media references of a draft that do not name an asset of the workspace (`assets`: those found), or name one
 * of a type the field does not allow. Ids are stored as the library writes them (lower case), so that reverse
 * lookups in JSON find them. Malformed ids are the validator's to report.
 */
export function brokenMediaReferences(
  references: readonly EntryReference[],
  assets: ReadonlyMap<string, MediaAssetFacts>,
): BrokenMediaReference[] {
  const broken: BrokenMediaReference[] = [];
  for (const reference of references) {
    if (reference.targetKind !== 'media' || !isUuid(reference.targetId)) continue;
    const id = reference.targetId;
    const asset = assets.get(id.toLowerCase());
    let message: string | null = null;
    if (!asset) message = `links to ${id}, which is not an asset of this workspace's media library`;
    else if (id !== asset.id) message = `links to ${id}: write the asset id in lower case (${asset.id})`;
    else if (reference.allowedTypes && !allowsAsset(reference.allowedTypes, asset)) {
      message = `links to ${id}, a ${asset.mimeType} file; this field accepts ${reference.allowedTypes.join(', ')}`;
    }
    if (message) broken.push({ fieldPath: reference.fieldPath, message });
  }
  return broken;
}

/**
 * Whether a media field's `allowedTypes` accept an asset: a full MIME type matches exactly (`application/pdf`),
 * a family matches the MIME type's top level (`image` → `image/png`) or the library's kind of the file
 * (`document`, `font`). An empty list restricts nothing, like an absent one.
 */
export function allowsAsset(
  allowedTypes: readonly string[],
  asset: Pick<MediaAssetFacts, 'mimeType' | 'kind'>,
): boolean {
  if (allowedTypes.length === 0) return true;
  const mime = asset.mimeType.toLowerCase();
  const family = mime.split('/')[0];
  return allowedTypes.some((allowed) => {
    const wanted = allowed.toLowerCase();
    return wanted.includes('/') ? wanted === mime : wanted === family || wanted === asset.kind;
  });
}
