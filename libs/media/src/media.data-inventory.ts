import type { DataInventoryEntry } from '@quire/core';

/**
 * Assets record who uploaded them; their file names, titles, alt texts and captions may name people, and the
 * files themselves may show them. Images keep their EXIF/XMP metadata (camera serial, date, GPS location) only when
 * the workspace turned `keepImageMetadata` on (`exif_kept` marks those files). Erasure of a member anonymizes the
 * uploader; the assets belong to the workspace.
 */
export const mediaDataInventory: DataInventoryEntry[] = [
  {
    table: 'media_assets',
    subjectColumn: 'uploaded_by',
    fields: [
      { column: 'uploaded_by', category: 'identity', description: 'Member who uploaded the file' },
      {
        column: 'file_name',
        category: 'content',
        description: "The uploader's file name, which may name a person (e.g. passport-jane-doe.pdf)",
      },
      { column: 'title', category: 'content', description: 'Title that may name people shown' },
      { column: 'alt_text', category: 'content', description: 'Description of the image that may name people' },
      { column: 'caption', category: 'content', description: 'Caption that may name people' },
      {
        column: 'exif_kept',
        category: 'technical',
        description:
          'True when the stored image still holds its EXIF/XMP metadata (camera, date, GPS location): only when the workspace keeps image metadata',
      },
    ],
    purpose: 'Store and deliver the files a workspace publishes with its content',
    legalBasis: 'contract',
    retention: 'Until the asset is deleted (there is no media trash) or the workspace is deleted',
    onErasure: 'anonymize',
  },
  {
    table: 'media_folders',
    subjectColumn: 'created_by',
    fields: [{ column: 'created_by', category: 'identity', description: 'Member who created the folder' }],
    purpose: 'Organise the media library',
    legalBasis: 'contract',
    retention: 'Until the folder is deleted',
    onErasure: 'anonymize',
  },
];
