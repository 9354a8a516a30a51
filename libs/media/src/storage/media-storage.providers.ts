import type { FactoryProvider } from '@nestjs/common';
import { QUIRE_CONFIG, type QuireConfig } from '@quire/core';
import { LocalDiskMediaStorage } from './local-disk-media-storage';
import { MediaStorage } from './media-storage';
import { S3MediaStorage } from './s3-media-storage';

/**
 * The configured driver (MEDIA_STORAGE). The configuration was validated at boot (an s3 driver without
 * MEDIA_S3_BUCKET never gets here), so this only builds.
 */
export function createMediaStorage(config: QuireConfig): MediaStorage {
  switch (config.MEDIA_STORAGE) {
    case 'local':
      return new LocalDiskMediaStorage({ root: config.MEDIA_LOCAL_ROOT });
    case 's3':
      return new S3MediaStorage({
        bucket: config.MEDIA_S3_BUCKET!,
        region: config.MEDIA_S3_REGION,
        endpoint: config.MEDIA_S3_ENDPOINT,
        forcePathStyle: config.MEDIA_S3_FORCE_PATH_STYLE,
        credentials:
          config.MEDIA_S3_ACCESS_KEY_ID && config.MEDIA_S3_SECRET_ACCESS_KEY
            ? { accessKeyId: config.MEDIA_S3_ACCESS_KEY_ID, secretAccessKey: config.MEDIA_S3_SECRET_ACCESS_KEY }
            : undefined,
        keyPrefix: config.MEDIA_S3_KEY_PREFIX,
      });
  }
}

/** Add to the media module's providers: `MediaStorage` is then injectable by its class. */
export const mediaStorageProvider: FactoryProvider<MediaStorage> = {
  provide: MediaStorage,
  useFactory: createMediaStorage,
  inject: [QUIRE_CONFIG],
};
