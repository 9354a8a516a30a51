/** Events of the media plugin; every write publishes them in its transaction (outbox). */
declare module '@quire/core' {
  interface QuireEvents {
    /** A new asset (an upload of a file the workspace already has publishes nothing: it answers the existing one). */
    'media.asset.uploaded': {
      assetId: string;
      fileName: string;
      mimeType: string;
      kind: string;
      size: number;
      folderId: string | null;
      visibility: string;
    };
    /** Metadata changed; `changed` lists the fields (title, altText, caption, focalPoint, tags, fileName, visibility). */
    'media.asset.updated': { assetId: string; changed: string[] };
    /** Moved to another folder (null: the root). */
    'media.asset.moved': { assetId: string; fromFolderId: string | null; toFolderId: string | null };
    /**
     * Deleted for good, its file and variants removed from storage. For CDN purge plugins (`publicUrl`, null when
     * the asset was private) and for content, which drops its references to `assetId`.
     */
    'media.asset.deleted': {
      assetId: string;
      fileName: string;
      mimeType: string;
      checksum: string;
      visibility: string;
      publicUrl: string | null;
    };
    'media.folder.created': { folderId: string; name: string; parentId: string | null };
    /** Renamed. */
    'media.folder.updated': { folderId: string; name: string };
    'media.folder.moved': { folderId: string; fromParentId: string | null; toParentId: string | null };
    /** With `recursive`, its subfolders and assets went too (each asset publishes its own media.asset.deleted). */
    'media.folder.deleted': { folderId: string; name: string; recursive: boolean };
  }
}

export {};
