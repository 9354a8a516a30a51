import { Injectable } from '@nestjs/common';
import {
  EventBus,
  InjectPluginOptions,
  TenantDataSource,
  uuidv7,
  ValidationFailedError,
  type Changes,
  type FieldProblem,
  type RequestContext,
} from '@quire/core';
import type { IdentityOptions } from '../../identity.options';
import { SsoConnection } from '../entities/sso-connection.entity';
import { SsoConnectionNotFoundError } from '../sso.errors';
import '../sso.events';
import { ssoSettings, type SsoSettings } from '../sso.options';
import { SsoSecrets } from '../sso-secrets';
import { SsoUrls } from '../sso-urls';
import type { CreateSsoConnectionDto } from './dto/create-sso-connection.dto';
import type { SsoConnectionResponse } from './dto/sso-connection.response';
import type { UpdateSsoConnectionDto } from './dto/update-sso-connection.dto';
import { parseConnectionConfig, type SsoConnectionConfig } from './sso-connection-config';

const DEFAULT_ROLE = 'viewer';

/** Administration of a workspace's SSO connections (the route's workspace; CASL checked by the route). */
@Injectable()
export class SsoConnectionService {
  private readonly settings: SsoSettings;

  constructor(
    private readonly db: TenantDataSource,
    private readonly secrets: SsoSecrets,
    private readonly urls: SsoUrls,
    private readonly events: EventBus,
    @InjectPluginOptions('identity') options: IdentityOptions,
  ) {
    this.settings = ssoSettings(options.sso);
  }

  async list(ctx: RequestContext): Promise<SsoConnectionResponse[]> {
    const rows = await this.db.repository(ctx, SsoConnection).find({ order: { createdAt: 'ASC' } });
    return rows.map((row) => this.toResponse(row));
  }

  async get(ctx: RequestContext, id: string): Promise<SsoConnectionResponse> {
    return this.toResponse(await this.find(ctx, id));
  }

  async create(ctx: RequestContext, dto: CreateSsoConnectionDto): Promise<SsoConnectionResponse> {
    const preset = dto.preset ?? null;
    const problems: FieldProblem[] = [];
    if (preset && dto.kind !== 'oidc') {
      problems.push({ path: 'preset', message: `preset ${preset} is an OAuth/OIDC provider: use kind "oidc"` });
    }
    const parsed = parseConnectionConfig(dto.kind, preset, dto.config, this.settings);
    problems.push(...parsed.problems);
    problems.push(...secretProblems(dto.kind, dto.clientSecret, true));
    if (problems.length) throw new ValidationFailedError(problems);

    return this.db.transaction(ctx, async (tx) => {
      const owner = { id: uuidv7(), workspaceId: tx.workspaceId };
      const connection = Object.assign(new SsoConnection(), {
        ...owner,
        kind: dto.kind,
        preset,
        name: dto.name,
        enabled: dto.enabled ?? true,
        config: parsed.config!,
        defaultRole: dto.defaultRole ?? DEFAULT_ROLE,
        clientSecret: dto.clientSecret ? this.secrets.seal(owner, dto.clientSecret) : null,
      });
      const saved = await this.db.repository(tx, SsoConnection).save(connection);
      await this.events.publish(tx, 'identity.sso-connection.created', {
        connectionId: saved.id,
        kind: saved.kind,
        preset: saved.preset,
        name: saved.name,
      });
      return this.toResponse(saved);
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateSsoConnectionDto): Promise<SsoConnectionResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const connection = await this.find(tx, id);
      const problems: FieldProblem[] = [];
      let config: SsoConnectionConfig | null = null;
      if (dto.config !== undefined) {
        const merged = { ...(connection.config as unknown as Record<string, unknown>), ...dto.config };
        const parsed = parseConnectionConfig(connection.kind, connection.preset, merged, this.settings);
        problems.push(...parsed.problems);
        config = parsed.config;
      }
      problems.push(...secretProblems(connection.kind, dto.clientSecret, false));
      if (problems.length) throw new ValidationFailedError(problems);

      const fields: string[] = [];
      const changes: Changes = {};
      const change = <K extends keyof SsoConnection>(key: K, value: SsoConnection[K] | undefined): void => {
        if (value === undefined || JSON.stringify(value) === JSON.stringify(connection[key])) return;
        changes[key] = { before: connection[key] ?? null, after: value };
        connection[key] = value;
        fields.push(key);
      };
      change('name', dto.name);
      change('enabled', dto.enabled);
      change('defaultRole', dto.defaultRole);
      change('config', config ?? undefined);
      if (dto.clientSecret !== undefined) {
        connection.clientSecret = this.secrets.seal(connection, dto.clientSecret);
        fields.push('clientSecret');
        // That it changed, never a value: the audit log shows `clientSecret: [redacted]`.
        changes['clientSecret'] = { before: null, after: null };
      }
      if (fields.length === 0) return this.toResponse(connection);
      const saved = await this.db.repository(tx, SsoConnection).save(connection);
      await this.events.publish(tx, 'identity.sso-connection.updated', { connectionId: id, fields, changes });
      return this.toResponse(saved);
    });
  }

  /** Deleting a connection also drops its unfinished sign-ins (their callbacks then fail as unknown state). */
  async remove(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const connection = await this.find(tx, id);
      await this.db.repository(tx, SsoConnection).delete({ id });
      await this.events.publish(tx, 'identity.sso-connection.deleted', { connectionId: id, name: connection.name });
    });
  }

  /** In the context's workspace only: another workspace's id is the same 404 as an unknown one. */
  private async find(ctx: RequestContext, id: string): Promise<SsoConnection> {
    const connection = await this.db.repository(ctx, SsoConnection).findOneBy({ id });
    if (!connection) throw new SsoConnectionNotFoundError(id);
    return connection;
  }

  private toResponse(connection: SsoConnection): SsoConnectionResponse {
    const serviceProvider =
      connection.kind === 'saml'
        ? {
            acsUrl: this.urls.samlAcsUrl,
            entityId: this.urls.samlEntityId(connection),
            metadataUrl: this.urls.samlMetadata(connection.id),
            signInUrl: this.urls.signIn(connection.id),
          }
        : { redirectUri: this.urls.oidcRedirectUri, signInUrl: this.urls.signIn(connection.id) };
    return {
      id: connection.id,
      kind: connection.kind,
      preset: connection.preset,
      name: connection.name,
      enabled: connection.enabled,
      defaultRole: connection.defaultRole,
      config: { ...(connection.config as unknown as Record<string, unknown>) },
      clientSecretSet: connection.clientSecret !== null,
      serviceProvider,
      createdAt: connection.createdAt.toISOString(),
      updatedAt: connection.updatedAt.toISOString(),
    };
  }
}

function secretProblems(kind: string, secret: string | undefined, creating: boolean): FieldProblem[] {
  if (kind === 'saml' && secret !== undefined) {
    return [{ path: 'clientSecret', message: 'clientSecret is not used by SAML connections' }];
  }
  if (kind === 'oidc' && creating && secret === undefined) {
    return [{ path: 'clientSecret', message: 'clientSecret is required for OIDC/OAuth connections' }];
  }
  return [];
}
