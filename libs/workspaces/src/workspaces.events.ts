declare module '@quire/core' {
  interface QuireEvents {
    'workspaces.workspace.created': { workspaceId: string; name: string; slug: string; ownerId: string };
    /** `changed` names the fields that changed; `previousSlug` is set when the slug did. */
    'workspaces.workspace.updated': { workspaceId: string; changed: string[]; slug: string; previousSlug?: string };
    /** Soft close: erased by retention after its grace period. */
    'workspaces.workspace.closed': { workspaceId: string; slug: string };
    /** By a platform administrator: closed to everyone until reinstated. */
    'workspaces.workspace.suspended': { workspaceId: string; slug: string };
    'workspaces.workspace.reinstated': { workspaceId: string; slug: string };
    'workspaces.member.added': { userId: string; role: string; via: 'creation' | 'sso-jit' };
    'workspaces.member.role-changed': { userId: string; previousRole: string; role: string };
    'workspaces.member.removed': { userId: string; role: string; left: boolean };
    'workspaces.team.created': { teamId: string; name: string };
    'workspaces.team.renamed': { teamId: string; previousName: string; name: string };
    'workspaces.team.deleted': { teamId: string; name: string };
    'workspaces.team-member.added': { teamId: string; userId: string };
    'workspaces.team-member.removed': { teamId: string; userId: string };
  }
}

export {};
