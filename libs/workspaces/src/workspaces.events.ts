import type { Changes } from '@quire/core';

/** Update events carry `changes`: the changed fields' before/after values (the audit log records them). */
declare module '@quire/core' {
  interface QuireEvents {
    'workspaces.workspace.created': { workspaceId: string; name: string; slug: string; ownerId: string };
    /** `changed` names the fields that changed; `previousSlug` is set when the slug did. */
    'workspaces.workspace.updated': {
      workspaceId: string;
      changed: string[];
      changes?: Changes;
      slug: string;
      previousSlug?: string;
    };
    /** Soft close: erased by retention after its grace period. */
    'workspaces.workspace.closed': { workspaceId: string; slug: string };
    /** By a platform administrator: closed to everyone until reinstated. */
    'workspaces.workspace.suspended': { workspaceId: string; slug: string };
    'workspaces.workspace.reinstated': { workspaceId: string; slug: string };
    'workspaces.member.added': { userId: string; role: string; via: 'creation' | 'sso-jit' | 'invitation' };
    'workspaces.member.role-changed': { userId: string; previousRole: string; role: string; changes: Changes };
    'workspaces.member.removed': { userId: string; role: string; left: boolean };
    'workspaces.team.created': { teamId: string; name: string };
    'workspaces.team.renamed': { teamId: string; previousName: string; name: string; changes: Changes };
    'workspaces.team.deleted': { teamId: string; name: string };
    'workspaces.team-member.added': { teamId: string; userId: string };
    'workspaces.team-member.removed': { teamId: string; userId: string };
    /** Custom roles; `changed` names what an update changed (name, description, rules). */
    'workspaces.role.created': { roleId: string; key: string };
    'workspaces.role.updated': { roleId: string; key: string; changed: string[]; changes: Changes };
    'workspaces.role.deleted': { roleId: string; key: string };
    /** Invitations: the email is the invitee's; never the token. `teamId` is the team the invitee joins, if any. */
    'workspaces.invitation.created': {
      invitationId: string;
      email: string;
      role: string;
      teamId: string | null;
      expiresAt: string;
    };
    /** A new token (the previous one stops working) and a new expiry; mailed again. */
    'workspaces.invitation.resent': { invitationId: string; email: string; expiresAt: string };
    'workspaces.invitation.cancelled': { invitationId: string; email: string };
    /** `signedUp`: the invitee created their account through the invitation. */
    'workspaces.invitation.accepted': {
      invitationId: string;
      email: string;
      userId: string;
      role: string;
      teamId: string | null;
      signedUp: boolean;
    };
    'workspaces.invitation.rejected': { invitationId: string; email: string };
    /** A plugin's settings in this workspace were replaced; `changed` names the settings whose effective value changed. */
    'workspaces.settings.changed': { plugin: string; changed: string[]; changes: Changes };
  }
}

export {};
