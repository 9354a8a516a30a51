import type { RequestChannel, RequestType, VerificationMethod } from './data-subject-request.types';

/**
 * Every step of a data-subject request, published in the transaction of the step (the audit log records each).
 * Payloads name the request, the person and the type; never a code or the personal data itself.
 */
declare module '@quire/core' {
  interface QuireEvents {
    'compliance.data-subject-request.received': {
      dataSubjectRequestId: string;
      userId: string;
      type: RequestType;
      channel: RequestChannel;
      verificationMethod: VerificationMethod;
      dueAt: string;
    };
    'compliance.data-subject-request.verified': {
      dataSubjectRequestId: string;
      userId: string;
      type: RequestType;
      verificationMethod: VerificationMethod;
    };
    /** Answered: the export was delivered, or the rectification, restriction or objection applied. */
    'compliance.data-subject-request.completed': {
      dataSubjectRequestId: string;
      userId: string;
      type: RequestType;
      /** What was done, e.g. the tables exported with row counts, or the fields rectified. */
      summary: Record<string, unknown>;
    };
    'compliance.data-subject-request.rejected': {
      dataSubjectRequestId: string;
      userId: string;
      type: RequestType;
      reason: string;
    };
    'compliance.data-subject-request.cancelled': { dataSubjectRequestId: string; userId: string; type: RequestType };
    /** The person's data was erased: what each table lost, and what was kept and why. */
    'compliance.data-subject-request.erasure-completed': {
      dataSubjectRequestId: string;
      userId: string;
      erased: Array<{ plugin: string; table: string; action: 'delete' | 'anonymize'; rows: number }>;
      kept: Array<{ plugin: string; table: string; reason: string }>;
    };
  }
}

export {};
