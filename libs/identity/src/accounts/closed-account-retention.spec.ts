import { identityRetention } from '../identity.retention';
import { CLOSED_ACCOUNT_RETENTION_DAYS } from './account-closure.service';

describe('closed-account retention', () => {
  it('is the retention policy the closure notice promises: anonymized 90 days after closed_at', () => {
    const policy = identityRetention.find((p) => p.name === 'identity.closed-accounts');
    expect(policy).toMatchObject({
      table: 'identity_users',
      ageColumn: 'closed_at',
      condition: "closed_at IS NOT NULL AND email NOT LIKE 'erased+%@erased.invalid'",
      action: 'anonymize',
      keep: { days: CLOSED_ACCOUNT_RETENTION_DAYS },
    });
    expect(CLOSED_ACCOUNT_RETENTION_DAYS).toBe(90);
  });
});
