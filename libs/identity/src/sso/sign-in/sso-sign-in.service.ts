import { Injectable, Logger } from '@nestjs/common';
import { EventBus, InjectPluginOptions, QuireError, TenantDataSource, type RequestContext } from '@quire/core';
import { IsNull, Not } from 'typeorm';
import { randomToken } from '../../credentials/token-hash';
import type { IdentityOptions } from '../../identity.options';
import type { IssuedSession } from '../../sessions/session.service';
import { SessionService } from '../../sessions/session.service';
import { emailDomain } from '../domains/domain-name';
import { SsoConnection, type SsoKind } from '../entities/sso-connection.entity';
import { SsoDomain } from '../entities/sso-domain.entity';
import type { SsoSignInState } from '../entities/sso-sign-in-state.entity';
import {
  SsoAccountClosedError,
  SsoConnectionDisabledError,
  SsoConnectionNotFoundError,
  SsoDisabledError,
  SsoDomainNotVerifiedError,
  SsoEmailUnverifiedError,
  SsoStateInvalidError,
} from '../sso.errors';
import type { SsoSignInFailureReason } from '../sso.events';
import { ssoSettings, type SsoSettings } from '../sso.options';
import { SsoUrls } from '../sso-urls';
import { OAuthSignIn } from './oauth-sign-in';
import { resolveReturnTo } from './return-to';
import { SamlSignIn } from './saml-sign-in';
import { SsoAccounts } from './sso-accounts';
import type { SsoIdentity } from './sso-identity';
import { SsoMembership } from './sso-membership';
import { SsoStateStore } from './sso-state.store';

export interface SsoStarted {
  /** The identity provider's URL to send the browser to. */
  redirectUrl: string;
}

export interface SsoSignedIn {
  issued: IssuedSession;
  /** Where the console continues: the validated return path, or /admin/. */
  redirectUrl: string;
}

/** RFC 5321's limit on a forward path. */
const MAX_EMAIL = 254;

/** Problems after the provider answered, as recorded in `identity.sso-sign-in.failed`. */
const FAILURE_REASONS: Record<string, SsoSignInFailureReason> = {
  'identity.sso-provider-refused': 'provider-refused',
  'identity.sso-response-invalid': 'response-invalid',
  'identity.sso-email-unverified': 'email-unverified',
  'identity.sso-domain-not-verified': 'domain-not-verified',
  'identity.sso-account-closed': 'account-closed',
  'identity.sso-jit-unavailable': 'jit-unavailable',
};

/**
 * The browser flow of single sign-on: start (state, nonce, PKCE or AuthnRequest, bound to the browser), then
 * the provider's answer, then the checks that decide who may get in:
 * 1. the state is this browser's, live and unused (taken once);
 * 2. the provider's response passes its protocol's validation;
 * 3. the address is verified by the provider, and its domain verified by the connection's workspace;
 * 4. the account exists and is open, or is created; the user is a member of the workspace, or is made one
 *    with the connection's default role (just in time);
 * then a session starts.
 */
@Injectable()
export class SsoSignInService {
  private readonly logger = new Logger(SsoSignInService.name);
  private readonly settings: SsoSettings;

  constructor(
    private readonly db: TenantDataSource,
    private readonly states: SsoStateStore,
    private readonly oauth: OAuthSignIn,
    private readonly saml: SamlSignIn,
    private readonly accounts: SsoAccounts,
    private readonly membership: SsoMembership,
    private readonly sessions: SessionService,
    private readonly events: EventBus,
    private readonly urls: SsoUrls,
    @InjectPluginOptions('identity') options: IdentityOptions,
  ) {
    this.settings = ssoSettings(options.sso);
  }

  get stateTtlSeconds(): number {
    return this.settings.stateTtlSeconds;
  }

  async start(ctx: RequestContext, connectionId: string, returnTo: unknown, browserToken: string): Promise<SsoStarted> {
    this.assertEnabled();
    const target = resolveReturnTo(returnTo, this.urls.base, this.urls.console);
    const connection = await this.usableConnection(ctx, connectionId);
    const base = { connectionId, browserToken, returnTo: target, ttlSeconds: this.settings.stateTtlSeconds };
    const stateToken = randomToken();
    if (connection.kind === 'saml') {
      const { url, requestId } = await this.saml.start(connection, stateToken);
      await this.states.create(ctx, { ...base, samlRequestId: requestId }, stateToken);
      return { redirectUrl: url };
    }
    const { url, nonce, codeVerifier } = await this.oauth.start(connection, stateToken);
    await this.states.create(ctx, { ...base, nonce, codeVerifier }, stateToken);
    return { redirectUrl: url };
  }

  /** GET …/oidc/callback: the authorization response in the query (code and state, or error). */
  async finishOAuth(
    ctx: RequestContext,
    query: Record<string, unknown>,
    browserToken: string | null,
  ): Promise<SsoSignedIn> {
    this.assertEnabled();
    const parameters = stringParameters(query);
    if (!parameters) throw new SsoStateInvalidError();
    const { state, connection } = await this.take(ctx, parameters.state, browserToken, 'oidc');
    return this.recordingFailure(ctx, connection, async () => {
      const identity = await this.oauth.finish(connection, state, parameters.state, parameters);
      return this.complete(ctx, connection, identity, state);
    });
  }

  /** POST …/saml/acs: `SAMLResponse` and `RelayState` from the IdP's auto-submitted form. */
  async finishSaml(
    ctx: RequestContext,
    form: Record<string, unknown>,
    browserToken: string | null,
  ): Promise<SsoSignedIn> {
    this.assertEnabled();
    const { state, connection } = await this.take(ctx, form.RelayState, browserToken, 'saml');
    const samlResponse = form.SAMLResponse;
    if (typeof samlResponse !== 'string' || !samlResponse) throw new SsoStateInvalidError();
    return this.recordingFailure(ctx, connection, async () => {
      const identity = await this.saml.finish(connection, state, samlResponse);
      return this.complete(ctx, connection, identity, state);
    });
  }

  async samlMetadata(ctx: RequestContext, connectionId: string): Promise<string> {
    const connection = await this.db.manager(ctx).getRepository(SsoConnection).findOneBy({ id: connectionId });
    if (!connection || connection.kind !== 'saml') throw new SsoConnectionNotFoundError(connectionId);
    return this.saml.metadata(connection);
  }

  private async complete(
    ctx: RequestContext,
    connection: SsoConnection,
    identity: SsoIdentity,
    state: SsoSignInState,
  ): Promise<SsoSignedIn> {
    // An address that is no address (too long, blanks) is not one the provider can vouch for.
    if (!identity.emailVerified || identity.email.length > MAX_EMAIL || /\s/.test(identity.email)) {
      throw new SsoEmailUnverifiedError();
    }
    const domain = emailDomain(identity.email);
    if (!domain || !(await this.domainVerified(ctx, connection.workspaceId, domain))) {
      throw new SsoDomainNotVerifiedError(domain ?? identity.email.slice(identity.email.lastIndexOf('@') + 1));
    }
    const { user, created } = await this.accounts.resolve(ctx, identity, connection.id);
    const membership = await this.membership.ensure(connection.workspaceId, user.id, connection.defaultRole);
    const issued = await this.sessions.start(user.id, { ip: ctx.ip, userAgent: ctx.userAgent });

    const workspace = await this.membership.workspaceOf(connection.workspaceId, user.id);
    const signedIn = ctx.withActor({ type: 'user', id: user.id, sessionId: issued.session.id });
    await this.events.publish(
      workspace ? signedIn.withWorkspace(workspace) : signedIn,
      'identity.sso-sign-in.succeeded',
      {
        userId: user.id,
        workspaceId: connection.workspaceId,
        connectionId: connection.id,
        sessionId: issued.session.id,
        jit: membership === 'added',
        accountCreated: created,
      },
    );
    this.logger.log(
      `User ${user.id} signed in through SSO connection ${connection.id}${membership === 'added' ? ' (joined the workspace)' : ''}`,
    );
    return { issued, redirectUrl: state.returnTo };
  }

  /**
   * Takes the state (single use) and its connection. Whatever is wrong before the provider's answer can be
   * trusted to belong to a sign-in of ours is one 400, so a probe learns nothing.
   */
  private async take(
    ctx: RequestContext,
    stateToken: unknown,
    browserToken: string | null,
    kind: SsoKind,
  ): Promise<{ state: SsoSignInState; connection: SsoConnection }> {
    const state = await this.states.take(ctx, stateToken, browserToken);
    if (!state) throw new SsoStateInvalidError();
    const connection = await this.db.manager(ctx).getRepository(SsoConnection).findOneBy({ id: state.connectionId });
    if (!connection || connection.kind !== kind) throw new SsoStateInvalidError();
    if (!connection.enabled) throw new SsoConnectionDisabledError();
    return { state, connection };
  }

  /** By id across workspaces: the connection id is the public handle of a workspace's sign-in button. */
  private async usableConnection(ctx: RequestContext, id: string): Promise<SsoConnection> {
    const connection = await this.db.manager(ctx).getRepository(SsoConnection).findOneBy({ id });
    if (!connection) throw new SsoConnectionNotFoundError(id);
    if (!connection.enabled) throw new SsoConnectionDisabledError();
    return connection;
  }

  private domainVerified(ctx: RequestContext, workspaceId: string, domain: string): Promise<boolean> {
    return this.db
      .manager(ctx)
      .getRepository(SsoDomain)
      .exists({ where: { workspaceId, domain, verifiedAt: Not(IsNull()) } });
  }

  private async recordingFailure<T>(
    ctx: RequestContext,
    connection: SsoConnection,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const reason = error instanceof QuireError ? FAILURE_REASONS[error.code] : undefined;
      if (reason) {
        await this.events.publish(ctx, 'identity.sso-sign-in.failed', {
          connectionId: connection.id,
          workspaceId: connection.workspaceId,
          userId: error instanceof SsoAccountClosedError ? error.userId : null,
          reason,
        });
      }
      throw error;
    }
  }

  private assertEnabled(): void {
    if (!this.settings.enabled) throw new SsoDisabledError();
  }
}

/** The query as strings; a repeated parameter (an array) is refused as a whole. */
function stringParameters(query: Record<string, unknown>): Record<string, string> | null {
  const entries = Object.entries(query);
  if (entries.some(([, value]) => typeof value !== 'string')) return null;
  return Object.fromEntries(entries) as Record<string, string>;
}
