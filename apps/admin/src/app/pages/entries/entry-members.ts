import type { ResponseOf } from '../../api/api-client';

/** A member of the workspace, as the editor names approvers, assignees, lock holders and commenters. */
export type Member = ResponseOf<'/api/v1/workspaces/{workspace}/members', 'get'>[number];
