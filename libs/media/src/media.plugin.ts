import { definePlugin } from '@quire/core';
import { MediaAsset } from './entities/media-asset.entity';
import { MediaFolder } from './entities/media-folder.entity';
import { MediaInit1764600000000 } from './migrations/1764600000000-media-init';
import { MEDIA_PLUGIN } from './media-plugin-name';
import { mediaDataInventory } from './media.data-inventory';
import { MediaModule } from './media.module';
import { mediaOptionsDefaults, mediaOptionsSchema, type MediaOptions } from './media.options';
import { ASSET_SUBJECT, mediaPermissions } from './media.permissions';
import { mediaProcessors } from './media.processors';
import { mediaPublicEvents } from './media.public-events';
import { mediaSettings } from './media.settings';
import { RESUMABLE_UPLOAD_CLEANUP_JOB, ResumableUploadCleanupJob } from './resumable/resumable-upload-cleanup.job';

/** The media library: assets with metadata and folders, streamed uploads with type checks, quotas and serving. */
export const MediaPlugin = definePlugin<MediaOptions>({
  name: MEDIA_PLUGIN,
  version: '0.1.0',
  description: 'Media library: uploads, metadata, folders, search, bulk changes, quotas, storage and delivery',
  requires: { core: '^0.1.0', workspaces: '^0.1.0' },
  options: { schema: mediaOptionsSchema, defaults: mediaOptionsDefaults },
  module: MediaModule,
  entities: [MediaAsset, MediaFolder],
  migrations: [MediaInit1764600000000],
  permissions: mediaPermissions,
  dataInventory: mediaDataInventory,
  processors: mediaProcessors,
  settings: mediaSettings,
  publicEvents: mediaPublicEvents,
  jobs: [
    {
      name: RESUMABLE_UPLOAD_CLEANUP_JOB,
      // Hourly, off the hour: an abandoned partial upload lasts at most its expiry plus an hour.
      cron: '0 41 * * * *',
      run: ResumableUploadCleanupJob,
      description: 'Removes resumable (tus) uploads not completed within 24 hours',
    },
  ],
  admin: {
    nav: [{ id: 'media', label: 'Media', icon: 'perm_media', route: 'media', requires: ['read', ASSET_SUBJECT] }],
    settingsForm: 'from-schema',
  },
});
