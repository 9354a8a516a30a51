/** Installation-wide options of the media plugin (`MediaPlugin.with(mediaOptionsFromConfig(config))`). */
export interface MediaOptions {
  /** Largest file one upload may carry, in bytes (MEDIA_MAX_UPLOAD_BYTES); larger uploads are cut off with a 413. */
  maxUploadBytes: number;
  /**
   * Storage a workspace may use, in bytes, per workspace plan; a plan not listed gets `default`. Billing supplies
   * plans later; until then every workspace is on `free`.
   */
  quotaBytes: Record<string, number> & { default: number };
  /**
   * Largest image accepted, in pixels (width × height, every frame; MEDIA_IMAGE_MAX_PIXELS): a decompression bomb
   * is refused before anything decodes it.
   */
  maxImagePixels: number;
  /** Lifetime of a signed URL when the request does not ask for one (seconds; MEDIA_SIGNED_URL_TTL). */
  signedUrlTtlSeconds: number;
  /** Longest lifetime a signed URL may be asked for (seconds). */
  maxSignedUrlTtlSeconds: number;
}

const GIB = 1024 * 1024 * 1024;

export const mediaOptionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxUploadBytes: { type: 'integer', minimum: 1024, maximum: 1024 * GIB },
    quotaBytes: {
      type: 'object',
      required: ['default'],
      additionalProperties: { type: 'integer', minimum: 0 },
    },
    maxImagePixels: { type: 'integer', minimum: 1, maximum: 1_000_000_000 },
    signedUrlTtlSeconds: { type: 'integer', minimum: 10, maximum: 7 * 86400 },
    maxSignedUrlTtlSeconds: { type: 'integer', minimum: 10, maximum: 7 * 86400 },
  },
};

export const mediaOptionsDefaults: MediaOptions = {
  maxUploadBytes: 100 * 1024 * 1024,
  quotaBytes: { default: 10 * GIB },
  // The default of MEDIA_IMAGE_MAX_PIXELS, which the variants pipeline reads too.
  maxImagePixels: 60_000_000,
  signedUrlTtlSeconds: 300,
  maxSignedUrlTtlSeconds: 86400,
};
