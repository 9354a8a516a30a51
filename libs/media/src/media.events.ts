/**
 * Events of the media plugin; every write publishes them in its transaction (outbox). Payloads name records by id
 * (and what a CDN purge needs), never names, titles or captions: they are offered to webhooks (media.public-events.ts).
 */
declare module '@quire/core' {
  interface QuireEvents {
    /** A new asset (an upload of a file the workspace already has publishes nothing: it answers the existing one). */
    'media.asset.uploaded': {
      assetId: string;
      mimeType: string;
      kind: string;
      size: number;
      folderId: string | null;
      visibility: string;
    };
    /**
     * Metadata changed; `changed` lists the fields (title, altText, caption, focalPoint, tags, fileName, visibility).
     * `previousPublicUrl`: the public URL the asset had, when the change retires it (made private, or renamed): for
     * CDN purges; null otherwise.
     */
    'media.asset.updated': { assetId: string; changed: string[]; previousPublicUrl: string | null };
    /** Moved to another folder (null: the root). */
    'media.asset.moved': { assetId: string; fromFolderId: string | null; toFolderId: string | null };
    /**
     * Deleted for good, its file and variants removed from storage. For CDN purge plugins (`publicUrl`, null when
     * the asset was private) and for content, which drops its references to `assetId`.
     */
    'media.asset.deleted': {
      assetId: string;
      mimeType: string;
      visibility: string;
      publicUrl: string | null;
    };
    'media.folder.created': { folderId: string; parentId: string | null };
    /** Renamed. */
    'media.folder.updated': { folderId: string };
    'media.folder.moved': { folderId: string; fromParentId: string | null; toParentId: string | null };
    /** With `recursive`, its subfolders and assets went too (each asset publishes its own media.asset.deleted). */
    'media.folder.deleted': { folderId: string; recursive: boolean };
  }
}

export {};
