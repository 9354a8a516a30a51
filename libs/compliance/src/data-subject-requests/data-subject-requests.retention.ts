import type { RetentionPolicy } from '@quire/core';

/** Closed requests stay 3 years as evidence they were answered (limitation periods), then go. */
export const dataSubjectRequestsRetention: RetentionPolicy[] = [
  {
    name: 'compliance.data-subject-requests',
    table: 'compliance_data_subject_requests',
    // A closed request no longer changes: its last update is when it was completed, rejected or cancelled.
    ageColumn: 'updated_at',
    condition: "status IN ('completed', 'rejected', 'cancelled')",
    action: 'delete',
    keep: { days: 3 * 365 },
    userColumn: 'user_id',
    description: 'Data-subject requests are deleted 3 years after they were completed, rejected or cancelled',
  },
];
