import { QuireError } from '@quire/core';

export type WorkspacesErrorCode =
  | 'workspaces.slug-taken'
  | 'workspaces.user-required'
  | 'workspaces.member-not-found'
  | 'workspaces.last-owner'
  | 'workspaces.owner-role-reserved'
  | 'workspaces.team-not-found'
  | 'workspaces.team-name-taken'
  | 'workspaces.team-member-not-found'
  | 'workspaces.workspace-not-found'
  | 'workspaces.workspace-closed'
  | 'workspaces.unknown-role';

/** Another workspace has this slug, now or as an old slug that still leads to it. */
export class WorkspaceSlugTakenError extends QuireError {
  constructor(slug: string) {
    super({
      code: 'workspaces.slug-taken' satisfies WorkspacesErrorCode,
      status: 409,
      title: 'Slug taken',
      detail: `The slug "${slug}" is taken: slugs are unique regardless of case, and a former slug stays with its workspace.`,
      extensions: { slug },
    });
  }
}

/** Creating or closing a workspace is done by a person, never by an API key. */
export class WorkspaceUserRequiredError extends QuireError {
  constructor(action: string) {
    super({
      code: 'workspaces.user-required' satisfies WorkspacesErrorCode,
      status: 403,
      title: 'A signed-in user is required',
      detail: `Only a signed-in user may ${action}; an API key may not.`,
    });
  }
}

/** An unknown user id, or a user who is no member of this workspace: the same 404. */
export class WorkspaceMemberNotFoundError extends QuireError {
  constructor(userId: string) {
    super({
      code: 'workspaces.member-not-found' satisfies WorkspacesErrorCode,
      status: 404,
      title: 'Member not found',
      detail: `User ${userId} is no member of this workspace.`,
    });
  }
}

/** A workspace always keeps an owner: the last one can neither leave, be removed, nor be demoted. */
export class LastOwnerError extends QuireError {
  constructor(change: 'demote' | 'remove') {
    super({
      code: 'workspaces.last-owner' satisfies WorkspacesErrorCode,
      status: 409,
      title: 'The last owner must stay',
      detail:
        `A workspace must keep at least one owner: the last owner cannot ${change === 'demote' ? 'be demoted' : 'leave or be removed'}. ` +
        'Make another member owner first.',
      extensions: { rule: 'last-owner' },
    });
  }
}

/** Only owners make or unmake owners: an admin cannot give more than they hold, nor remove an owner. */
export class OwnerRoleReservedError extends QuireError {
  constructor() {
    super({
      code: 'workspaces.owner-role-reserved' satisfies WorkspacesErrorCode,
      status: 403,
      title: 'Only owners manage owners',
      detail: 'Only an owner may make a member owner, or change the role of or remove an owner.',
      extensions: { rule: 'owner-role-reserved' },
    });
  }
}

/** An unknown team id, or another workspace's team: the same 404. */
export class TeamNotFoundError extends QuireError {
  constructor(teamId: string) {
    super({
      code: 'workspaces.team-not-found' satisfies WorkspacesErrorCode,
      status: 404,
      title: 'Team not found',
      detail: `No team ${teamId} in this workspace.`,
    });
  }
}

export class TeamNameTakenError extends QuireError {
  constructor(name: string) {
    super({
      code: 'workspaces.team-name-taken' satisfies WorkspacesErrorCode,
      status: 409,
      title: 'Team name taken',
      detail: `This workspace already has a team named "${name}" (names are compared regardless of case).`,
      extensions: { name },
    });
  }
}

export class TeamMemberNotFoundError extends QuireError {
  constructor(userId: string) {
    super({
      code: 'workspaces.team-member-not-found' satisfies WorkspacesErrorCode,
      status: 404,
      title: 'Not in this team',
      detail: `User ${userId} is not in this team.`,
    });
  }
}

/** Platform administration: no workspace with this id (any status). */
export class AdminWorkspaceNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'workspaces.workspace-not-found' satisfies WorkspacesErrorCode,
      status: 404,
      title: 'Workspace not found',
      detail: `No workspace ${id} in this installation.`,
    });
  }
}

/** A closed workspace waits for erasure: it can be neither suspended nor reinstated. */
export class WorkspaceClosedError extends QuireError {
  constructor(id: string) {
    super({
      code: 'workspaces.workspace-closed' satisfies WorkspacesErrorCode,
      status: 409,
      title: 'Workspace closed',
      detail: `Workspace ${id} is closed and will be erased; it can be neither suspended nor reinstated.`,
      extensions: { rule: 'workspace-closed' },
    });
  }
}

/** A role name that is not a role of this installation (e.g. an SSO connection's default role for JIT). */
export class UnknownRoleError extends QuireError {
  constructor(role: string) {
    super({
      code: 'workspaces.unknown-role' satisfies WorkspacesErrorCode,
      status: 409,
      title: 'Unknown role',
      detail: `"${role}" is not a role of this installation; members can be given the built-in roles only.`,
      extensions: { role },
    });
  }
}
