import { Injectable } from '@nestjs/common';
import { InjectPluginOptions, TenantDataSource, type RequestContext } from '@quire/core';
import { IsNull, Not } from 'typeorm';
import type { IdentityOptions } from '../../identity.options';
import { emailDomain } from '../domains/domain-name';
import { SsoConnection } from '../entities/sso-connection.entity';
import { SsoDomain } from '../entities/sso-domain.entity';
import { ssoSettings } from '../sso.options';
import { SsoUrls } from '../sso-urls';
import type { SsoProviderResponse } from './dto/sso-discovery.dto';

/**
 * Home-realm discovery for the sign-in page: the enabled connections of the workspace that verified the email's
 * domain, as buttons. Unknown and unverified domains answer an empty list, the same as a domain without SSO.
 */
@Injectable()
export class SsoDiscovery {
  private readonly enabled: boolean;

  constructor(
    private readonly db: TenantDataSource,
    private readonly urls: SsoUrls,
    @InjectPluginOptions('identity') options: IdentityOptions,
  ) {
    this.enabled = ssoSettings(options.sso).enabled;
  }

  async providersFor(ctx: RequestContext, email: string): Promise<SsoProviderResponse[]> {
    const domain = emailDomain(email);
    if (!this.enabled || !domain) return [];
    const manager = this.db.manager(ctx);
    const verified = await manager.getRepository(SsoDomain).findOneBy({ domain, verifiedAt: Not(IsNull()) });
    if (!verified) return [];
    const connections = await manager.getRepository(SsoConnection).find({
      where: { workspaceId: verified.workspaceId, enabled: true },
      order: { name: 'ASC', id: 'ASC' },
    });
    return connections.map((connection) => ({
      id: connection.id,
      name: connection.name,
      kind: connection.kind,
      preset: connection.preset,
      startUrl: this.urls.signIn(connection.id),
    }));
  }
}
