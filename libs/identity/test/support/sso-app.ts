import { IdentityPlugin, type IdentityOptions } from '@quire/identity';
import { createTestApp, FixtureTenancy, fixtureTenancyPlugin, fixtureToken, type TestApp } from '@quire/testing';
import type { PermissionRule, WorkspaceRef } from '@quire/core';
import { randomBytes } from 'node:crypto';
import { SsoDnsServer } from './sso-dns-server';
import { SsoFrontDoor } from './sso-front-door';

export const MANAGE_SSO: PermissionRule[] = [{ action: 'manage', subject: ['SsoConnection', 'SsoDomain'] }];
/** What just-in-time members get, by role, in the fixture tenancy. */
export const ROLE_RULES: Record<string, PermissionRule[]> = {
  viewer: [{ action: 'read', subject: 'all' }],
  editor: [{ action: ['read', 'create', 'update'], subject: 'all' }],
};

export type SsoOptions = NonNullable<IdentityOptions['sso']>;

/**
 * The app for SSO tests: identity on a real PostgreSQL behind a front door whose URL is the installation's
 * publicUrl, fixture workspaces (one `acme` with an administrator of its SSO), and a loopback DNS server for
 * domain verification.
 */
export class SsoTestApp {
  readonly workspace: WorkspaceRef;
  readonly adminId = `admin-${randomBytes(4).toString('hex')}`;

  private constructor(
    readonly sut: TestApp,
    readonly door: SsoFrontDoor,
    readonly dns: SsoDnsServer,
    readonly tenancy: FixtureTenancy,
  ) {
    this.workspace = tenancy.find('acme')!;
    tenancy.grant(this.workspace, this.adminId, MANAGE_SSO);
  }

  /** `sso` receives the public URL (to register the callback at providers started first) and adds options. */
  static async start(
    sso: (publicUrl: string) => SsoOptions | Promise<SsoOptions> = () => ({}),
    env: Record<string, string> = {},
  ): Promise<SsoTestApp> {
    const door = await SsoFrontDoor.open();
    const dns = await SsoDnsServer.start();
    const tenancy = new FixtureTenancy({ roleRules: ROLE_RULES });
    tenancy.addWorkspace('acme');
    try {
      const sut = await createTestApp({
        env,
        plugins: [
          fixtureTenancyPlugin(tenancy),
          IdentityPlugin.with({
            publicUrl: door.url,
            sso: { allowInsecureHttp: true, dnsServers: [dns.address], ...(await sso(door.url)) },
          }),
        ],
      });
      door.forwardTo(sut.url);
      return new SsoTestApp(sut, door, dns, tenancy);
    } catch (error) {
      await door.close();
      await dns.close();
      throw error;
    }
  }

  get admin(): { Authorization: string } {
    return { Authorization: fixtureToken(this.adminId) };
  }

  /** `/api/v1/workspaces/<slug>/sso/<rest>` of the acme workspace (or another). */
  path(rest: string, workspace: WorkspaceRef = this.workspace): string {
    return `/api/v1/workspaces/${workspace.slug}/sso/${rest}`;
  }

  /** Adds the domain through the API, publishes its TXT record on the loopback DNS and verifies it. */
  async verifiedDomain(domain: string, workspace: WorkspaceRef = this.workspace, auth = this.admin): Promise<string> {
    const added = await this.sut.http.post(this.path('domains', workspace)).set(auth).send({ domain }).expect(201);
    this.dns.setTxt(added.body.record.name, [added.body.record.value]);
    await this.sut.http
      .post(this.path(`domains/${added.body.id}/verify`, workspace))
      .set(auth)
      .expect(200);
    return added.body.id;
  }

  async createConnection(body: Record<string, unknown>): Promise<{ id: string; [key: string]: unknown }> {
    const response = await this.sut.http.post(this.path('connections')).set(this.admin).send(body);
    if (response.status !== 201) throw new Error(`connection not created: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** Names of the events written to the outbox, with their payloads, oldest first. */
  async events(name: string): Promise<Array<Record<string, unknown>>> {
    const rows = await this.sut.dataSource.query(`SELECT payload FROM quire_outbox WHERE event_name = $1 ORDER BY id`, [
      name,
    ]);
    return rows.map((row: { payload: Record<string, unknown> }) => row.payload);
  }

  async close(): Promise<void> {
    await this.sut?.close();
    await this.door.close();
    await this.dns.close();
  }
}

export function anAddress(domain: string): string {
  return `Ada.${randomBytes(5).toString('hex')}@${domain}`;
}
