/** Installation-wide options of the compliance plugin (`CompliancePlugin.with({...})`). */
export interface ComplianceOptions {
  /** Days an audit record is kept before the retention purge removes it (the chain stays verifiable). */
  auditLogRetentionDays: number;
}

export const complianceOptionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    auditLogRetentionDays: { type: 'integer', minimum: 1, maximum: 36500 },
  },
};

/** Seven years: the longest common statutory period for business records (see docs/adr/0023-audit-log.md). */
export const complianceOptionsDefaults: ComplianceOptions = {
  auditLogRetentionDays: 7 * 365,
};
