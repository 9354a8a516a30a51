import { Injectable } from '@nestjs/common';
import { Resolver } from 'node:dns/promises';
import { InjectPluginOptions } from '@quire/core';
import type { IdentityOptions } from '../../identity.options';
import { ssoSettings } from '../sso.options';

/** `found`: the TXT strings at the name (each record's chunks joined); `missing`: no such name or no TXT. */
export type TxtLookupResult = { outcome: 'found'; records: string[] } | { outcome: 'missing' } | { outcome: 'failed' };

const MISSING = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

/**
 * Looks up TXT records through node's DNS resolver (c-ares), asking the servers configured in
 * `sso.dnsServers` or, by default, the system's. A fresh resolver per lookup: no answer is cached here, so
 * a record published a minute ago is seen as soon as the servers see it.
 */
@Injectable()
export class DnsTxtLookup {
  private readonly servers: string[] | null;

  constructor(@InjectPluginOptions('identity') options: IdentityOptions) {
    this.servers = ssoSettings(options.sso).dnsServers;
  }

  async lookup(name: string): Promise<TxtLookupResult> {
    const resolver = new Resolver({ timeout: 3000, tries: 2 });
    if (this.servers) resolver.setServers(this.servers);
    try {
      const records = await resolver.resolveTxt(name);
      return { outcome: 'found', records: records.map((chunks) => chunks.join('')) };
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      return MISSING.has(code) ? { outcome: 'missing' } : { outcome: 'failed' };
    }
  }
}
