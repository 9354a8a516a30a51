import type { QuireConfig } from '@quire/core';
import type { MediaOptions } from './media.options';

/**
 * Media's options from the installation's environment (validated by the kernel): what apps/api passes to
 * `MediaPlugin.with()`. Quotas per plan stay options (billing supplies plans later).
 */
export function mediaOptionsFromConfig(config: QuireConfig): Partial<MediaOptions> {
  return {
    maxUploadBytes: config.MEDIA_MAX_UPLOAD_BYTES,
    maxImagePixels: config.MEDIA_IMAGE_MAX_PIXELS,
    signedUrlTtlSeconds: config.MEDIA_SIGNED_URL_TTL,
  };
}
