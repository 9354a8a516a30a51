import type { BuiltInRole } from '@quire/core';

/** How the roles list names and explains each built-in role (its rules come from the plugins' grants). */
export const BUILT_IN_ROLE_DESCRIPTIONS: Record<BuiltInRole, { name: string; description: string }> = {
  owner: { name: 'Owner', description: 'Everything, including closing the workspace and managing owners' },
  admin: {
    name: 'Admin',
    description: 'Manages the workspace, members, teams, custom roles, API keys and single sign-on; not owners',
  },
  editor: { name: 'Editor', description: "Creates and edits everyone's content" },
  author: { name: 'Author', description: 'Creates content and edits their own entries only' },
  reviewer: { name: 'Reviewer', description: 'Reads and reviews content' },
  viewer: { name: 'Viewer', description: 'Reads the workspace and its content' },
  auditor: { name: 'Auditor', description: 'Reads the audit log and compliance records, nothing else' },
};
