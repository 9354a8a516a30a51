import type { Changes } from '@quire/core';
import type { SsoKind, SsoPreset } from './entities/sso-connection.entity';

/** Why an SSO sign-in was refused after the identity provider answered (for the audit log). */
export type SsoSignInFailureReason =
  | 'provider-refused'
  | 'response-invalid'
  | 'email-unverified'
  | 'domain-not-verified'
  | 'account-closed'
  | 'jit-unavailable';

/** Events of single sign-on; payloads never carry secrets, tokens or assertions. */
declare module '@quire/core' {
  interface QuireEvents {
    'identity.sso-connection.created': { connectionId: string; kind: SsoKind; preset: SsoPreset | null; name: string };
    /** `fields` lists what changed (`config`, `enabled`, …); a new secret is `clientSecret`, never its value. */
    /** `changes`: before/after of name, enabled, defaultRole, config; `clientSecret` is named, never valued. */
    'identity.sso-connection.updated': { connectionId: string; fields: string[]; changes: Changes };
    'identity.sso-connection.deleted': { connectionId: string; name: string };
    'identity.sso-domain.added': { domainId: string; domain: string };
    'identity.sso-domain.verified': { domainId: string; domain: string };
    'identity.sso-domain.removed': { domainId: string; domain: string; wasVerified: boolean };
    /**
     * A user signed in through a workspace's connection. `accountCreated`: the account was made by this sign-in;
     * `jit`: the user was added to the workspace (with the connection's default role) by this sign-in.
     */
    'identity.sso-sign-in.succeeded': {
      userId: string;
      workspaceId: string;
      connectionId: string;
      sessionId: string;
      jit: boolean;
      accountCreated: boolean;
    };
    /**
     * An SSO sign-in took over an account whose address had never been verified (someone may have registered it
     * before its owner): its password and two-factor setup were removed and its sessions revoked.
     */
    'identity.sso-account.claimed': { userId: string; connectionId: string; revokedSessions: number };
    /** `userId`: the account concerned when there is one (a closed account), else null. */
    'identity.sso-sign-in.failed': {
      connectionId: string;
      workspaceId: string;
      userId: string | null;
      reason: SsoSignInFailureReason;
    };
  }
}
