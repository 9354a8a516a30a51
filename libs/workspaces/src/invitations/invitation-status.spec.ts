import { invitationStatus } from './invitation-status';

describe(invitationStatus.name, () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

  it('answers a pending invitation past its expiry (or at it) as expired', () => {
    expect(invitationStatus({ status: 'pending', expiresAt: at(1) }, now)).toBe('pending');
    expect(invitationStatus({ status: 'pending', expiresAt: at(0) }, now)).toBe('expired');
    expect(invitationStatus({ status: 'pending', expiresAt: at(-1) }, now)).toBe('expired');
  });

  it('keeps every ended status as stored, expired or not', () => {
    for (const status of ['accepted', 'rejected', 'cancelled', 'expired'] as const) {
      expect(invitationStatus({ status, expiresAt: at(-1) }, now)).toBe(status);
      expect(invitationStatus({ status, expiresAt: at(1) }, now)).toBe(status);
    }
  });
});
