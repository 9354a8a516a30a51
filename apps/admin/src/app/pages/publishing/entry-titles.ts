import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';

interface FieldDefinition {
  name: string;
  type: string;
  label?: string;
}

/**
 * Names entries the way the trash does: by their type's first `text` field. Provided per screen: type definitions
 * are read once per type while it is open, so a list of release items or search results costs one call per type,
 * not per entry, and the next visit sees a changed type.
 */
@Injectable()
export class EntryTitles {
  private readonly api = inject(ApiClient);
  private readonly fields = new Map<string, Promise<FieldDefinition[]>>();

  /** The type's fields, in their order (empty when the type cannot be read). */
  fieldsOf(workspace: string, apiId: string): Promise<FieldDefinition[]> {
    const key = `${workspace}/${apiId}`;
    let fields = this.fields.get(key);
    if (!fields) {
      fields = firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/content-types/{apiId}', {
          path: { workspace, apiId },
          silent: true,
        }),
      )
        .then((type) => (type.definition['fields'] as FieldDefinition[] | undefined) ?? [])
        .catch(() => {
          this.fields.delete(key);
          return [];
        });
      this.fields.set(key, fields);
    }
    return fields;
  }

  /** The name of the field that titles the type's entries, or null when it has no text field. */
  async titleField(workspace: string, apiId: string): Promise<string | null> {
    const fields = await this.fieldsOf(workspace, apiId);
    return fields.find((field) => field.type === 'text')?.name ?? null;
  }

  /** The entry's title from its draft data, or null when it has none. */
  async titleOf(workspace: string, apiId: string, data: Record<string, unknown>): Promise<string | null> {
    const field = await this.titleField(workspace, apiId);
    const value = field ? data[field] : undefined;
    return typeof value === 'string' && value.trim() ? value : null;
  }
}
