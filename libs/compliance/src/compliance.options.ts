/** Installation-wide options of the compliance plugin (`CompliancePlugin.with({...})`). */
export interface ComplianceOptions {
  /** Days an audit record is kept before the retention purge removes it (the chain stays verifiable). */
  auditLogRetentionDays: number;
  /** Days an API request record is kept unless an open incident holds it (policy compliance.system-logs). */
  systemLogRetentionDays: number;
  /** How often each instance writes its buffered API request records (ms); 0: only at 500 and at shutdown. */
  systemLogFlushIntervalMs: number;
  /** How often each instance seals newly committed audit records (ms); 0 leaves sealing to readers. */
  auditSealIntervalMs: number;
  /**
   * The optional purposes users are asked to consent to (docs/compliance/consent.md): kebab-case keys, unique (the
   * app refuses to boot otherwise). Removing a purpose hides it; its history stays.
   */
  consentPurposes: ConsentPurpose[];
}

/** One optional purpose of processing a user may opt in to, e.g. `marketing`. */
export interface ConsentPurpose {
  key: string;
  /** What the user is asked, in a sentence. */
  description: string;
}

export const complianceOptionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    auditLogRetentionDays: { type: 'integer', minimum: 1, maximum: 36500 },
    systemLogRetentionDays: { type: 'integer', minimum: 1, maximum: 36500 },
    systemLogFlushIntervalMs: { type: 'integer', minimum: 0, maximum: 60000 },
    auditSealIntervalMs: { type: 'integer', minimum: 0, maximum: 3600000 },
    consentPurposes: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'description'],
        properties: {
          key: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: 64 },
          description: { type: 'string', minLength: 1, maxLength: 500 },
        },
      },
    },
  },
};

/** Seven years: the longest common statutory period for business records (see docs/adr/0023-audit-log.md). */
export const complianceOptionsDefaults: ComplianceOptions = {
  auditLogRetentionDays: 7 * 365,
  // What CMS users are promised for request logs (docs/compliance/system-logs.md).
  systemLogRetentionDays: 180,
  systemLogFlushIntervalMs: 1000,
  auditSealIntervalMs: 1000,
  consentPurposes: [
    { key: 'marketing', description: 'News and offers by email' },
    { key: 'product-updates', description: 'Emails about new features and changes to the product' },
    { key: 'usage-analytics', description: 'Anonymous statistics on how the console is used, to improve it' },
  ],
};
