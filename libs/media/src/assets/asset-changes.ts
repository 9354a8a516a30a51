import type { MediaAsset } from '../entities/media-asset.entity';

/**
 * An asset's editable metadata under the names the API uses (`focalPoint` as `{ x, y }`), to diff for the audit log
 * (`fieldChanges(assetMetadata(before), assetMetadata(after), changed)`).
 */
export function assetMetadata(asset: MediaAsset): Record<string, unknown> {
  return {
    title: asset.title,
    altText: asset.altText,
    caption: asset.caption,
    tags: asset.tags,
    visibility: asset.visibility,
    fileName: asset.fileName,
    focalPoint: asset.focalX === null || asset.focalY === null ? null : { x: asset.focalX, y: asset.focalY },
    folderId: asset.folderId,
  };
}

/** The tags after a bulk retag, as `AssetStore.retag` writes them: order of first appearance, removals last. */
export function retagged(tags: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
  return [...new Set([...tags, ...add])].filter((tag) => !remove.includes(tag));
}
