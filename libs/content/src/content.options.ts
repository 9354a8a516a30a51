/** Installation-wide options of the content plugin (`ContentPlugin.with({...})`). */
export interface ContentOptions {
  /** Deepest `populate` a delivery request may ask for. */
  maxPopulateDepth: number;
  /** Days a trashed entry is kept, per workspace plan; a plan not listed keeps `default`. Billing supplies plans later. */
  trashRetentionDays: Record<string, number> & { default: number };
  /** How long delivery responses may be cached by clients and CDNs (Cache-Control max-age, seconds). */
  deliveryMaxAgeSeconds: number;
  /** How long an entry lock lives without a heartbeat (seconds); the console sends one about every 30 s. */
  lockTtlSeconds: number;
}

export const contentOptionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxPopulateDepth: { type: 'integer', minimum: 1, maximum: 5 },
    trashRetentionDays: {
      type: 'object',
      required: ['default'],
      additionalProperties: { type: 'integer', minimum: 1, maximum: 3650 },
    },
    deliveryMaxAgeSeconds: { type: 'integer', minimum: 0, maximum: 86400 },
    lockTtlSeconds: { type: 'integer', minimum: 30, maximum: 3600 },
  },
};

export const contentOptionsDefaults: ContentOptions = {
  maxPopulateDepth: 3,
  trashRetentionDays: { default: 14, free: 14, scale: 60 },
  deliveryMaxAgeSeconds: 60,
  lockTtlSeconds: 120,
};
