import type { Actor, PermissionRule, TenancyRegistry, WorkspaceRef, WorkspaceResolver } from '@quire/core';
import { SsoJitUnavailableError } from '../sso.errors';
import { SsoMembership } from './sso-membership';

const WORKSPACE: WorkspaceRef = { id: '0190a8f4-0000-7000-8000-000000000001', slug: 'acme' };

/** A resolver over a set of members; `jit` adds `ensureMember` (the port's optional method). */
function resolver(members: Set<string>, jit: boolean): WorkspaceResolver & { added: Array<[string, string]> } {
  const added: Array<[string, string]> = [];
  const base = {
    added,
    async resolve(reference: string, actor: Actor): Promise<WorkspaceRef | null> {
      return reference === WORKSPACE.id && actor.id && members.has(actor.id) ? WORKSPACE : null;
    },
    async rulesFor(): Promise<PermissionRule[]> {
      return [];
    },
  };
  if (!jit) return base;
  return {
    ...base,
    async ensureMember(workspaceId: string, userId: string, role: string) {
      if (members.has(userId)) return 'existing' as const;
      members.add(userId);
      added.push([userId, role]);
      return 'added' as const;
    },
  };
}

const registry = (workspaceResolver: WorkspaceResolver | null) => ({ workspaceResolver }) as TenancyRegistry;

describe(SsoMembership.name, () => {
  it('adds a non-member through ensureMember with the role, and reports an existing member', async () => {
    const port = resolver(new Set(['member']), true);
    const membership = new SsoMembership(registry(port));
    await expect(membership.ensure(WORKSPACE.id, 'newcomer', 'editor')).resolves.toBe('added');
    await expect(membership.ensure(WORKSPACE.id, 'member', 'editor')).resolves.toBe('existing');
    expect(port.added).toEqual([['newcomer', 'editor']]);
    await expect(membership.workspaceOf(WORKSPACE.id, 'newcomer')).resolves.toEqual(WORKSPACE);
  });

  it('without ensureMember lets existing members in and refuses others with 409 identity.sso-jit-unavailable', async () => {
    const membership = new SsoMembership(registry(resolver(new Set(['member']), false)));
    await expect(membership.ensure(WORKSPACE.id, 'member', 'viewer')).resolves.toBe('existing');
    const refused = membership.ensure(WORKSPACE.id, 'newcomer', 'viewer');
    await expect(refused).rejects.toBeInstanceOf(SsoJitUnavailableError);
    await expect(refused).rejects.toMatchObject({ status: 409, code: 'identity.sso-jit-unavailable' });
  });

  it('without any workspace resolver refuses', async () => {
    const membership = new SsoMembership(registry(null));
    await expect(membership.ensure(WORKSPACE.id, 'anyone', 'viewer')).rejects.toBeInstanceOf(SsoJitUnavailableError);
    await expect(membership.workspaceOf(WORKSPACE.id, 'anyone')).resolves.toBeNull();
  });
});
