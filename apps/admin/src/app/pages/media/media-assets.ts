import { fillPath, type ResponseOf } from '../../api/api-client';

export type Asset = ResponseOf<'/api/v1/workspaces/{workspace}/media/{id}', 'get'>;
export type AssetPage = ResponseOf<'/api/v1/workspaces/{workspace}/media', 'get'>;
export type MediaFolder = ResponseOf<'/api/v1/workspaces/{workspace}/media-folders/{id}', 'get'>;
export type AssetKind = Asset['kind'];

export const ASSET_KINDS: readonly AssetKind[] = ['image', 'video', 'audio', 'document', 'font', 'other'];

/** The formats the API renders variants of (docs/media/variants.md): not SVG, PDF or HEIC. */
const VARIANT_SOURCES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff']);

/**
 * Where the console shows a picture of an asset: a variant of a raster image, the file itself for an SVG (an
 * `<img>` cannot run its script), nothing for the rest. Same origin paths, so the session cookie goes along and
 * the console's CSP (`img-src 'self'`) allows them. A public asset's versioned URL lends its `v`, so a new focal
 * point gives a new URL.
 */
export function previewUrl(
  workspace: string,
  asset: Pick<Asset, 'id' | 'mimeType' | 'variants'>,
  preset: 'thumbnail' | 'medium',
): string | null {
  if (asset.mimeType === 'image/svg+xml') {
    return fillPath('/api/v1/workspaces/{workspace}/media/{id}/file', { workspace, id: asset.id });
  }
  if (!VARIANT_SOURCES.has(asset.mimeType)) return null;
  const path = fillPath('/api/v1/delivery/{workspace}/media/{id}/variants/{preset}', {
    workspace,
    id: asset.id,
    preset,
  });
  const version = versionOf(asset.variants?.[preset]);
  return version ? `${path}?v=${version}` : path;
}

/** The member download of the original (`Content-Disposition` names the file). */
export function downloadUrl(workspace: string, id: string): string {
  return fillPath('/api/v1/workspaces/{workspace}/media/{id}/file', { workspace, id });
}

function versionOf(url: string | undefined): string | null {
  if (!url) return null;
  const version = /[?&]v=([0-9a-f]+)/i.exec(url)?.[1];
  return version ?? null;
}

/** The icon of an asset without a picture. */
export function kindIcon(kind: AssetKind): string {
  switch (kind) {
    case 'image':
      return 'image';
    case 'video':
      return 'movie';
    case 'audio':
      return 'audiotrack';
    case 'document':
      return 'description';
    case 'font':
      return 'text_fields';
    default:
      return 'insert_drive_file';
  }
}

export function kindLabel(kind: AssetKind): string {
  switch (kind) {
    case 'image':
      return $localize`:@@media.kind.image:Image`;
    case 'video':
      return $localize`:@@media.kind.video:Video`;
    case 'audio':
      return $localize`:@@media.kind.audio:Audio`;
    case 'document':
      return $localize`:@@media.kind.document:Document`;
    case 'font':
      return $localize`:@@media.kind.font:Font`;
    default:
      return $localize`:@@media.kind.other:Other`;
  }
}

/** 1536 → "1.5 KB", in steps of 1024 like the API's limits (`MEDIA_MAX_UPLOAD_BYTES=100mb`, 10 GB quotas). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
