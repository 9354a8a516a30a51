import { hashToken } from '@quire/identity';
import { INVITATION_TTL_DAYS, invitationTokenHash, issueInvitationToken } from './invitation-token';

describe(issueInvitationToken.name, () => {
  it('issues a 256-bit base64url token, its SHA-256 and an expiry 7 days later', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const issued = issueInvitationToken(now);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.tokenHash).toBe(hashToken(issued.token));
    expect(issued.expiresAt.getTime() - now.getTime()).toBe(INVITATION_TTL_DAYS * 86_400_000);
    expect(issueInvitationToken(now).token).not.toBe(issued.token);
  });
});

describe(invitationTokenHash.name, () => {
  it('hashes what has the shape of a token, and refuses anything else without hashing it', () => {
    const { token, tokenHash } = issueInvitationToken();
    expect(invitationTokenHash(token)).toBe(tokenHash);
    for (const other of ['', 'short', `${token}x`, `${token.slice(0, 42)}=`, 'x'.repeat(10_000)]) {
      expect(invitationTokenHash(other)).toBeNull();
    }
  });
});
