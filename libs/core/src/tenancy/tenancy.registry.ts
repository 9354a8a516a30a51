import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import {
  AUTHENTICATOR_METADATA,
  WORKSPACE_RESOLVER_METADATA,
  type Authenticator,
  type WorkspaceResolver,
} from './tenancy.ports';

/** Finds the authenticators and the workspace resolver that the loaded plugins contribute. */
@Injectable()
export class TenancyRegistry implements OnModuleInit {
  private authenticatorList: Authenticator[] = [];
  private resolver: WorkspaceResolver | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found: Array<{ order: number; instance: Authenticator }> = [];
    const resolvers: WorkspaceResolver[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const auth = this.reflector.get<{ order: number } | undefined>(AUTHENTICATOR_METADATA, wrapper.metatype);
      if (auth) found.push({ order: auth.order, instance: wrapper.instance as Authenticator });
      if (this.reflector.get<boolean | undefined>(WORKSPACE_RESOLVER_METADATA, wrapper.metatype)) {
        resolvers.push(wrapper.instance as WorkspaceResolver);
      }
    }
    if (resolvers.length > 1) {
      throw new Error(
        `Quire cannot start: ${resolvers.length} workspace resolvers are loaded; load only one plugin that provides @QuireWorkspaceResolver.`,
      );
    }
    this.authenticatorList = found.sort((a, b) => a.order - b.order).map((f) => f.instance);
    this.resolver = resolvers[0] ?? null;
  }

  get authenticators(): readonly Authenticator[] {
    return this.authenticatorList;
  }

  get workspaceResolver(): WorkspaceResolver | null {
    return this.resolver;
  }
}
