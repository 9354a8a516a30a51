import type { ResponseOf } from '../../api/api-client';

/** The API's shapes these screens show, from the generated types. */
export type Member = ResponseOf<'/api/v1/workspaces/{workspace}/members', 'get'>[number];
export type Invitation = ResponseOf<'/api/v1/workspaces/{workspace}/invitations', 'get'>['data'][number];
export type Role = ResponseOf<'/api/v1/workspaces/{workspace}/roles', 'get'>[number];
export type Team = ResponseOf<'/api/v1/workspaces/{workspace}/teams', 'get'>[number];
export type ApiKey = ResponseOf<'/api/v1/workspaces/{workspace}/api-keys', 'get'>[number];
export type PermissionCatalog = ResponseOf<'/api/v1/workspaces/{workspace}/permission-catalog', 'get'>;

/** A date-time of the API as the reader's locale writes a date. */
export function shortDate(value: string | null): string {
  return value ? new Date(value).toLocaleDateString() : '—';
}
