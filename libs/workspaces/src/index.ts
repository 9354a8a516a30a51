// @quire/workspaces: the workspaces plugin's public surface.
// Event names and payloads (declaration merging into QuireEvents).
import './workspaces.events';
export { WorkspacesPlugin } from './workspaces.plugin';
export { builtInRoleRules } from './roles/built-in-role-rules';
export { RESERVED_SLUGS } from './slugs/workspace-slug';
export { WorkspacesResolver } from './workspaces/workspaces.resolver';
export { DEMO_WORKSPACE_SLUG } from './workspaces.demo-seed';
export { WorkspaceSettings } from './settings/workspace-settings';
