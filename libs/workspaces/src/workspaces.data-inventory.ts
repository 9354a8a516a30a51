import type { DataInventoryEntry } from '@quire/core';

export const workspacesDataInventory: DataInventoryEntry[] = [
  {
    table: 'workspace_members',
    subjectColumn: 'user_id',
    fields: [
      { column: 'user_id', category: 'identity', description: 'Which account is a member' },
      { column: 'role', category: 'usage', description: "The member's role in the workspace" },
      { column: 'created_at', category: 'usage', description: 'When they joined' },
    ],
    purpose: 'Give members access to their workspaces with the permissions of their role',
    legalBasis: 'contract',
    retention:
      'While the membership lasts; deleted when the member leaves, the account is erased or the workspace is erased',
    onErasure: 'delete',
  },
  {
    table: 'team_members',
    subjectColumn: 'user_id',
    fields: [{ column: 'user_id', category: 'identity', description: 'Which member is in the team' }],
    purpose: 'Group members inside a workspace',
    legalBasis: 'contract',
    retention: 'While the person is in the team; deleted with the workspace membership',
    onErasure: 'delete',
  },
  {
    // The invitee may have no account: the invitation is linked to them by the invited address.
    table: 'workspace_invitations',
    subjectColumn: 'email',
    fields: [
      { column: 'email', category: 'contact', description: 'The invited address (lower-cased)' },
      { column: 'accepted_user_id', category: 'identity', description: 'The account that accepted' },
      { column: 'status', category: 'usage', description: 'Whether they accepted, rejected or let it expire' },
      { column: 'responded_at', category: 'usage', description: 'When they answered' },
    ],
    purpose: 'Invite a person to a workspace and keep the record of who was invited and how it ended',
    legalBasis: 'legitimate-interest',
    retention: 'While pending; erased 90 days after it was accepted, rejected, cancelled or expired',
    onErasure: 'delete',
  },
  {
    table: 'workspace_invitations',
    subjectColumn: 'invited_by',
    fields: [{ column: 'invited_by', category: 'identity', description: 'The member who sent the invitation' }],
    purpose: 'Show who invited whom, and name the inviter in the invitation mail',
    legalBasis: 'legitimate-interest',
    retention: 'As the invitation; set to null when the inviter account is erased',
    onErasure: 'anonymize',
  },
  {
    table: 'workspace_roles',
    subjectColumn: 'created_by',
    fields: [{ column: 'created_by', category: 'identity', description: 'The member who created the custom role' }],
    purpose: 'Show who created each custom role of a workspace',
    legalBasis: 'legitimate-interest',
    retention: 'While the role exists; set to null when the account is erased',
    onErasure: 'anonymize',
  },
];
