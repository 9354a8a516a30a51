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

/** A retention run id that no run has (GET /retention/runs/{id}). */
export class RetentionRunNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'compliance.retention-run-not-found',
      status: 404,
      title: 'Retention run not found',
      detail: `No retention run ${id}.`,
    });
  }
}

/** A legal hold id that is not a hold of this workspace (or, at installation level, of the installation). */
export class LegalHoldNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'compliance.legal-hold-not-found',
      status: 404,
      title: 'Legal hold not found',
      detail: `No legal hold ${id} here.`,
    });
  }
}

/** Releasing a hold that was already released: a release is recorded once, with its reason. */
export class LegalHoldAlreadyReleasedError extends QuireError {
  constructor(id: string, releasedAt: Date) {
    super({
      code: 'compliance.legal-hold-already-released',
      status: 409,
      title: 'Legal hold already released',
      detail: `Legal hold ${id} was released at ${releasedAt.toISOString()}; place a new hold to hold the data again.`,
    });
  }
}
