import { QuireError } from '@quire/core';

/** An audit-log export in a format other than csv or jsonl. */
export class AuditExportFormatError extends QuireError {
  constructor(format: unknown) {
    super({
      code: 'compliance.audit-export-format-unsupported',
      status: 400,
      title: 'Unsupported export format',
      detail: `Export format ${JSON.stringify(format ?? null)} is not supported: use format=csv or format=jsonl.`,
    });
  }
}

/** A verification range that ends before it starts. */
export class AuditVerifyRangeError extends QuireError {
  constructor(detail: string) {
    super({
      code: 'compliance.audit-verify-range-invalid',
      status: 400,
      title: 'Invalid verification range',
      detail,
    });
  }
}
