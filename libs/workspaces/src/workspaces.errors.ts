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
  | 'workspaces.unknown-role'
  | 'workspaces.role-not-found'
  | 'workspaces.role-key-taken'
  | 'workspaces.role-in-use'
  | 'workspaces.role-escalation'
  | 'workspaces.built-in-role-read-only'
  | 'workspaces.already-member'
  | 'workspaces.invitation-not-found'
  | 'workspaces.invitation-expired'
  | 'workspaces.invitation-not-pending'
  | 'workspaces.invitation-pending'
  | 'workspaces.invitation-email-mismatch'
  | 'workspaces.invitation-account-exists'
  | 'workspaces.settings-not-found';

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

/** A role that is neither built in nor a custom role of the workspace (e.g. an SSO connection's default role for JIT). */
export class UnknownRoleError extends QuireError {
  constructor(role: string) {
    super({
      code: 'workspaces.unknown-role' satisfies WorkspacesErrorCode,
      status: 409,
      title: 'Unknown role',
      detail: `"${role}" is neither a built-in role nor a custom role of this workspace.`,
      extensions: { role },
    });
  }
}

/** Settings of a plugin that is not loaded, or that declares no settings: nothing to read or write. */
export class PluginSettingsNotFoundError extends QuireError {
  constructor(plugin: string, loaded: boolean) {
    super({
      code: 'workspaces.settings-not-found' satisfies WorkspacesErrorCode,
      status: 404,
      title: 'Plugin settings not found',
      detail: loaded
        ? `The plugin "${plugin}" declares no workspace settings.`
        : `No plugin "${plugin}" is loaded in this installation.`,
      extensions: { plugin },
    });
  }
}

/** The email (or account) already belongs to a member: inviting it, or accepting an invitation, adds nothing. */
export class AlreadyMemberError extends QuireError {
  constructor(email: string) {
    super({
      code: 'workspaces.already-member' satisfies WorkspacesErrorCode,
      status: 409,
      title: 'Already a member',
      detail: `The account of ${email} is already a member of this workspace; change its role instead.`,
      extensions: { rule: 'already-member' },
    });
  }
}

/**
 * An unknown invitation id, another workspace's invitation, or (by token) an unknown, used, rejected or cancelled
 * invitation, or one of a workspace that is closed or suspended: the same 404, so a token's history is not told.
 */
export class InvitationNotFoundError extends QuireError {
  constructor(id?: string) {
    super({
      code: 'workspaces.invitation-not-found' satisfies WorkspacesErrorCode,
      status: 404,
      title: 'Invitation not found',
      detail: id
        ? `No invitation ${id} in this workspace.`
        : 'This invitation does not exist or is no longer open (accepted, rejected or cancelled).',
    });
  }
}

/** The invitation was not answered within its 7 days: an owner or admin of the workspace may resend it. */
export class InvitationExpiredError extends QuireError {
  constructor(expiresAt: Date) {
    super({
      code: 'workspaces.invitation-expired' satisfies WorkspacesErrorCode,
      status: 410,
      title: 'Invitation expired',
      detail: 'This invitation has expired; ask the workspace to send it again.',
      extensions: { rule: 'invitation-expired', expiresAt: expiresAt.toISOString() },
    });
  }
}

/** Cancelling or resending an invitation that was accepted, rejected, cancelled or (cancelling) has expired. */
export class InvitationNotPendingError extends QuireError {
  constructor(status: string, action: 'cancel' | 'resend') {
    super({
      code: 'workspaces.invitation-not-pending' satisfies WorkspacesErrorCode,
      status: 409,
      title: 'Invitation not pending',
      detail:
        action === 'cancel'
          ? `Only a pending invitation can be cancelled; this one is ${status}.`
          : status === 'expired'
            ? 'This invitation expired and a newer invitation to the same address replaced it; resend that one.'
            : `Only a pending or expired invitation can be resent; this one is ${status}. Invite again instead.`,
      // Not `status`: that member of a problem is the HTTP status.
      extensions: { rule: 'invitation-not-pending', invitationStatus: status },
    });
  }
}

/** One open invitation per email and workspace: resend or cancel the pending one instead. */
export class InvitationPendingError extends QuireError {
  constructor(email: string, invitationId?: string) {
    super({
      code: 'workspaces.invitation-pending' satisfies WorkspacesErrorCode,
      status: 409,
      title: 'Invitation already pending',
      detail: `${email} already has a pending invitation to this workspace; resend it or cancel it first.`,
      extensions: { rule: 'one-pending-invitation-per-email', ...(invitationId ? { invitationId } : {}) },
    });
  }
}

/** Only the account of the invited address may accept: the token alone does not hand the invitation on. */
export class InvitationEmailMismatchError extends QuireError {
  constructor() {
    super({
      code: 'workspaces.invitation-email-mismatch' satisfies WorkspacesErrorCode,
      status: 403,
      title: 'Invitation is for another email',
      detail:
        'This invitation was sent to another email address than the one of your account. Sign in with the invited ' +
        'address, or ask the workspace to invite this one.',
      extensions: { rule: 'invitation-email-mismatch' },
    });
  }
}

/** Signing up through an invitation whose address already has an account: that account signs in and accepts. */
export class InvitationAccountExistsError extends QuireError {
  constructor() {
    super({
      code: 'workspaces.invitation-account-exists' satisfies WorkspacesErrorCode,
      status: 409,
      title: 'Account already exists',
      detail:
        'The invited email address already has an account: sign in with it and accept the invitation ' +
        '(POST /api/v1/invitations/{token}/accept).',
      extensions: { rule: 'invitation-account-exists' },
    });
  }
}

/** An unknown custom role, or another workspace's: the same 404. */
export class RoleNotFoundError extends QuireError {
  constructor(reference: string) {
    super({
      code: 'workspaces.role-not-found' satisfies WorkspacesErrorCode,
      status: 404,
      title: 'Role not found',
      detail: `No role "${reference}" in this workspace.`,
    });
  }
}

export class RoleKeyTakenError extends QuireError {
  constructor(key: string) {
    super({
      code: 'workspaces.role-key-taken' satisfies WorkspacesErrorCode,
      status: 409,
      title: 'Role key taken',
      detail: `This workspace already has a custom role with the key "${key}".`,
      extensions: { key },
    });
  }
}

/** A role still held by members (or offered by pending invitations) cannot be deleted. */
export class RoleInUseError extends QuireError {
  constructor(key: string, members: number, invitations: number) {
    super({
      code: 'workspaces.role-in-use' satisfies WorkspacesErrorCode,
      status: 409,
      title: 'Role in use',
      detail:
        `The role "${key}" is held by ${members} member(s) and offered by ${invitations} pending invitation(s); ` +
        'give them another role (or cancel the invitations) first.',
      extensions: { rule: 'role-in-use', key, members, invitations },
    });
  }
}

/**
 * A role (created, edited, given, or held by the member acted on) allows something the acting member does not
 * hold: nobody hands out more than they have. Names the offending rule of the role.
 */
export class RoleEscalationError extends QuireError {
  constructor(
    gap: { index: number; action: string; subject: string; field?: string },
    role: { key?: string; situation: string },
  ) {
    const what = `"${gap.action} ${gap.subject}"${gap.field === undefined ? '' : ` (field ${gap.field})`}`;
    super({
      code: 'workspaces.role-escalation' satisfies WorkspacesErrorCode,
      status: 403,
      title: 'Role escalation',
      detail:
        `${role.situation}: rules[${gap.index}] allows ${what} more broadly than you hold it yourself. ` +
        'A member can only give, edit or act on roles within their own permissions; owners hold everything.',
      extensions: {
        rule: 'role-escalation',
        path: `rules[${gap.index}]`,
        action: gap.action,
        subject: gap.subject,
        ...(gap.field === undefined ? {} : { field: gap.field }),
        ...(role.key === undefined ? {} : { role: role.key }),
      },
    });
  }
}

export class BuiltInRoleReadOnlyError extends QuireError {
  constructor(role: string) {
    super({
      code: 'workspaces.built-in-role-read-only' satisfies WorkspacesErrorCode,
      status: 409,
      title: 'Built-in roles are read-only',
      detail: `"${role}" is a built-in role: its rules come from the loaded plugins. Create a custom role instead.`,
      extensions: { rule: 'built-in-role-read-only', role },
    });
  }
}
