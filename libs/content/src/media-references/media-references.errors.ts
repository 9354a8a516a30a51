import { QuireError } from '@quire/core';

/** Not an asset of this workspace's media library (another workspace's reads the same): nothing to list. */
export class MediaAssetNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'content.media-asset-not-found',
      status: 404,
      title: 'Media asset not found',
      detail: `No asset ${id} in this workspace's media library.`,
    });
  }
}
