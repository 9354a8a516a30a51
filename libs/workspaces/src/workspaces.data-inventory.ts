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
];
