import { Injectable } from '@nestjs/common';
import { TenancyRegistry, type Actor, type WorkspaceRef } from '@quire/core';
import { SsoJitUnavailableError } from '../sso.errors';

/**
 * Just-in-time membership through the kernel's workspace resolver port. Identity owns no memberships: the
 * resolver's plugin (workspaces) adds the member; without `ensureMember`, only existing members get in.
 */
@Injectable()
export class SsoMembership {
  constructor(private readonly tenancy: TenancyRegistry) {}

  /** `added` when this call made the user a member with `role`; `existing` when they already were one. */
  async ensure(workspaceId: string, userId: string, role: string): Promise<'added' | 'existing'> {
    const resolver = this.tenancy.workspaceResolver;
    if (resolver?.ensureMember) return resolver.ensureMember(workspaceId, userId, role);
    if (resolver && (await resolver.resolve(workspaceId, userActor(userId)))) return 'existing';
    throw new SsoJitUnavailableError();
  }

  /** The workspace as its member sees it (with its slug), for the context of the sign-in's events. */
  async workspaceOf(workspaceId: string, userId: string): Promise<WorkspaceRef | null> {
    return (await this.tenancy.workspaceResolver?.resolve(workspaceId, userActor(userId))) ?? null;
  }
}

function userActor(userId: string): Actor {
  return { type: 'user', id: userId };
}
