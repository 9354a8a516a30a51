import { firstValueFrom } from 'rxjs';
import { type ApiClient, type ResponseOf } from '../../api/api-client';

export type TypeSummary = ResponseOf<'/api/v1/workspaces/{workspace}/content-types', 'get'>['data'][number];

/** Every content type of the workspace the member may read, by name: all pages of the list (100 a page). */
export async function allTypes(api: ApiClient, workspace: string): Promise<TypeSummary[]> {
  const types: TypeSummary[] = [];
  for (let page = 1; ; page++) {
    const answer = await firstValueFrom(
      api.get('/api/v1/workspaces/{workspace}/content-types', {
        path: { workspace },
        query: { pageSize: 100, page, sort: 'name' },
      }),
    );
    types.push(...answer.data);
    if (page >= answer.meta.pageCount) return types;
  }
}
