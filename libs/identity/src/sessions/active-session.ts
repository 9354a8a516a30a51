/** What the authenticator needs to know about a live session (not revoked, not expired, account open). */
export interface ActiveSession {
  sessionId: string;
  userId: string;
  impersonatorId: string | null;
  platformAdmin: boolean;
  /** When the session ends by itself; for an impersonation session, the end of the impersonation. */
  expiresAt: Date;
}

/** The NOTIFY channel on which every revocation announces the session id, to every API instance. */
export const SESSION_REVOKED_CHANNEL = 'quire_session_revoked';
