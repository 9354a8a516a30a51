import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import { WorkspacesStore } from '../../state/workspaces.store';

export interface Actor {
  type: 'user' | 'api-key' | 'system' | 'anonymous';
  id: string | null;
}

/**
 * Who did something, for people: a member's display name when the member list may be read (else a short id),
 * "API key" or the system job's name. Screens read the list once when they open, so newcomers are named.
 */
@Injectable({ providedIn: 'root' })
export class MemberNames {
  private readonly api = inject(ApiClient);
  private readonly workspaces = inject(WorkspacesStore);

  /** The display names of the workspace's members by user id (empty when the member may not read them). */
  async load(workspace: string): Promise<Map<string, string>> {
    if (!this.workspaces.can('read', 'WorkspaceMember')) return new Map();
    try {
      const members = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/members', { path: { workspace }, silent: true }),
      );
      return new Map(members.map((member) => [member.userId, member.displayName]));
    } catch {
      return new Map();
    }
  }

  /** A user's name from a loaded list, falling back to the start of the id. */
  static userName(names: Map<string, string>, userId: string | null): string {
    if (!userId) return $localize`:@@publishing.actor.unknown:Unknown`;
    return names.get(userId) ?? $localize`:@@publishing.actor.user:User ${userId.slice(0, 8)}:id:`;
  }

  static actorName(names: Map<string, string>, actor: Actor): string {
    switch (actor.type) {
      case 'user':
        return MemberNames.userName(names, actor.id);
      case 'api-key':
        return $localize`:@@publishing.actor.apiKey:API key`;
      case 'system':
        return actor.id ?? $localize`:@@publishing.actor.system:System`;
      default:
        return $localize`:@@publishing.actor.anonymous:Anonymous`;
    }
  }
}
