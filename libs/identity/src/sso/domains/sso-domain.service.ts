import { Injectable, Logger } from '@nestjs/common';
import { EventBus, TenantDataSource, uuidv7, ValidationFailedError, type RequestContext } from '@quire/core';
import { IsNull, Not } from 'typeorm';
import { randomToken } from '../../credentials/token-hash';
import { SsoDomain } from '../entities/sso-domain.entity';
import {
  SsoDnsUnavailableError,
  SsoDomainClaimedError,
  SsoDomainExistsError,
  SsoDomainNotFoundError,
  SsoDomainVerificationFailedError,
} from '../sso.errors';
import '../sso.events';
import { isUniqueViolation } from '../unique-violation';
import { DnsTxtLookup } from './dns-txt-lookup';
import { normalizeDomain, verificationRecordName, verificationRecordValue } from './domain-name';
import { toSsoDomainResponse, type SsoDomainResponse } from './dto/sso-domain.response';

const WORKSPACE_DOMAIN_UNIQUE = 'identity_sso_domains_workspace_domain';
const VERIFIED_DOMAIN_UNIQUE = 'identity_sso_domains_verified';

/**
 * The email domains a workspace claims for its SSO, proven by a DNS TXT record. The database holds the rule that
 * a domain is verified by one workspace at most (a partial unique index), so two workspaces verifying at once
 * cannot both win.
 */
@Injectable()
export class SsoDomainService {
  private readonly logger = new Logger(SsoDomainService.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly dns: DnsTxtLookup,
    private readonly events: EventBus,
  ) {}

  async list(ctx: RequestContext): Promise<SsoDomainResponse[]> {
    const rows = await this.db.repository(ctx, SsoDomain).find({ order: { domain: 'ASC' } });
    return rows.map(toSsoDomainResponse);
  }

  async add(ctx: RequestContext, input: string): Promise<SsoDomainResponse> {
    const domain = normalizeDomain(input);
    if (!domain) {
      throw new ValidationFailedError([
        { path: 'domain', message: 'domain must be a domain name such as example.com (no scheme, path or @)' },
      ]);
    }
    if (await this.verifiedElsewhere(ctx, domain)) throw new SsoDomainClaimedError(domain);
    // An early answer; the unique constraint still decides between two concurrent adds.
    if (await this.db.repository(ctx, SsoDomain).count({ domain })) throw new SsoDomainExistsError(domain);
    return this.db.transaction(ctx, async (tx) => {
      const row = Object.assign(new SsoDomain(), {
        id: uuidv7(),
        domain,
        verificationToken: randomToken(24),
        verifiedAt: null,
      });
      let saved: SsoDomain;
      try {
        saved = await this.db.repository(tx, SsoDomain).save(row);
      } catch (error) {
        if (isUniqueViolation(error, WORKSPACE_DOMAIN_UNIQUE)) throw new SsoDomainExistsError(domain);
        throw error;
      }
      await this.events.publish(tx, 'identity.sso-domain.added', { domainId: saved.id, domain });
      return toSsoDomainResponse(saved);
    });
  }

  /**
   * Looks the TXT record up and marks the domain verified when one of the records is exactly its value.
   * Verifying a verified domain again answers it unchanged.
   */
  async verify(ctx: RequestContext, id: string): Promise<SsoDomainResponse> {
    const row = await this.find(ctx, id);
    if (row.verifiedAt) return toSsoDomainResponse(row);
    if (await this.verifiedElsewhere(ctx, row.domain)) throw new SsoDomainClaimedError(row.domain);

    const name = verificationRecordName(row.domain);
    const result = await this.dns.lookup(name);
    if (result.outcome === 'failed') {
      this.logger.warn(`DNS lookup of ${name} failed`);
      throw new SsoDnsUnavailableError(row.domain);
    }
    if (result.outcome === 'missing') {
      throw new SsoDomainVerificationFailedError(row.domain, 'record-not-found', name);
    }
    if (!result.records.includes(verificationRecordValue(row.verificationToken))) {
      throw new SsoDomainVerificationFailedError(row.domain, 'token-mismatch', name);
    }

    return this.db.transaction(ctx, async (tx) => {
      row.verifiedAt = new Date();
      try {
        // The partial unique index decides a race between two workspaces verifying the same domain.
        await this.db.repository(tx, SsoDomain).update({ id }, { verifiedAt: row.verifiedAt });
      } catch (error) {
        if (isUniqueViolation(error, VERIFIED_DOMAIN_UNIQUE)) throw new SsoDomainClaimedError(row.domain);
        throw error;
      }
      await this.events.publish(tx, 'identity.sso-domain.verified', { domainId: id, domain: row.domain });
      return toSsoDomainResponse(row);
    });
  }

  /** Removing a verified domain stops its addresses from signing in through this workspace's SSO at once. */
  async remove(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const row = await this.find(tx, id);
      await this.db.repository(tx, SsoDomain).delete({ id });
      await this.events.publish(tx, 'identity.sso-domain.removed', {
        domainId: id,
        domain: row.domain,
        wasVerified: row.verifiedAt !== null,
      });
    });
  }

  private async find(ctx: RequestContext, id: string): Promise<SsoDomain> {
    const row = await this.db.repository(ctx, SsoDomain).findOneBy({ id });
    if (!row) throw new SsoDomainNotFoundError(id);
    return row;
  }

  /** Whether another workspace has verified the domain: a deliberate cross-tenant read of one fact. */
  private async verifiedElsewhere(ctx: RequestContext, domain: string): Promise<boolean> {
    const holder = await this.db
      .manager(ctx)
      .getRepository(SsoDomain)
      .findOne({ where: { domain, verifiedAt: Not(IsNull()) }, select: { workspaceId: true } });
    return holder !== null && holder.workspaceId !== ctx.workspaceId;
  }
}
