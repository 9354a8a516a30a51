/** The rights of GDPR arts. 15–21 a person can exercise through a request. */
export const REQUEST_TYPES = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_STATUSES = [
  'awaiting-verification',
  'verified',
  'in-progress',
  'completed',
  'rejected',
  'cancelled',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses of a request still to be answered: what counts for overlap and for being overdue. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['awaiting-verification', 'verified', 'in-progress'];

export const REQUEST_CHANNELS = ['self-service', 'administrator'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const VERIFICATION_METHODS = ['email-code', 'administrator-attested'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** GDPR art. 12(3): an answer within one month of receipt; we promise 30 days. */
export const RESPONSE_DAYS = 30;

/** Types answered with an export download. */
export const EXPORT_TYPES: readonly RequestType[] = ['access', 'portability'];
/** Types an administrator (or the verification) completes by applying `details`. */
export const APPLIED_TYPES: readonly RequestType[] = ['rectification', 'restriction', 'objection'];
