import { Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  Accepts,
  ApiProblemResponses,
  Ctx,
  Public,
  QUIRE_CONFIG,
  RateLimit,
  UuidParam,
  type QuireConfig,
  type RequestContext,
} from '@quire/core';
import type { Request, Response } from 'express';
import { BrowserTokenDelivery } from '../../sessions/browser-token-delivery';
import { SSO_RATE_LIMITS } from '../sso.rate-limits';
import { browserTokenOrNew, readBrowserToken, writeBrowserCookie } from './browser-binding';
import { SsoDiscoveryQuery, SsoDiscoveryResponse } from './dto/sso-discovery.dto';
import { StartSsoQuery } from './dto/start-sso.query';
import { readFormBody } from './form-body';
import { SsoDiscovery } from './sso-discovery';
import { SsoSignInService, type SsoSignedIn } from './sso-sign-in.service';

const FLOW_DESCRIPTION =
  'On success the browser gets the session as cookies (httpOnly `quire_access` and `quire_refresh`, readable ' +
  '`quire_csrf`) and is redirected (302) to the console or the `returnTo` path given at the start. Failures ' +
  'answer problem+json: 400 identity.sso-state-invalid (unknown, used or expired state, or a response for ' +
  'another browser), 401 identity.sso-provider-refused / identity.sso-response-invalid, 403 ' +
  'identity.sso-email-unverified / identity.sso-domain-not-verified / identity.sso-account-closed / ' +
  'identity.sso-connection-disabled, 409 identity.sso-jit-unavailable, 502 identity.sso-provider-unavailable.';

@ApiTags('Single sign-on')
@Controller('auth/sso')
export class SsoSignInController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly signIn: SsoSignInService,
    private readonly discovery: SsoDiscovery,
    private readonly tokens: BrowserTokenDelivery,
    @Inject(QUIRE_CONFIG) private readonly config: QuireConfig,
  ) {
    this.secureCookies = config.NODE_ENV === 'production';
  }

  @Get('discovery')
  @Public()
  @RateLimit(SSO_RATE_LIMITS.discovery)
  @ApiOperation({
    summary: 'SSO providers for an email address',
    description:
      'The enabled connections of the workspace that verified the address’s domain: the sign-in page shows them ' +
      'as buttons. An address whose domain no workspace verified (or SSO turned off) answers an empty list.',
  })
  @ApiOkResponse({ type: SsoDiscoveryResponse })
  @ApiProblemResponses(400)
  async discover(@Ctx() ctx: RequestContext, @Query() query: SsoDiscoveryQuery): Promise<SsoDiscoveryResponse> {
    return { providers: await this.discovery.providersFor(ctx, query.email) };
  }

  @Get(':connectionId/start')
  @Public()
  @RateLimit(SSO_RATE_LIMITS.start)
  @ApiOperation({
    summary: 'Start a sign-in through an SSO connection',
    description:
      'Redirects (302) the browser to the identity provider: OpenID Connect / OAuth with state, nonce and PKCE, ' +
      'or a SAML AuthnRequest with RelayState. The sign-in is bound to this browser by the httpOnly `quire_sso` ' +
      'cookie and must finish within 10 minutes (configurable). `returnTo` must be a path on this installation ' +
      '(400 otherwise: never an open redirect).',
  })
  @ApiParam({ name: 'connectionId', format: 'uuid' })
  @ApiFoundResponse({ description: 'To the identity provider' })
  @ApiProblemResponses(400, 403, 404, 502)
  async start(
    @Ctx() ctx: RequestContext,
    @UuidParam('connectionId') connectionId: string,
    @Query() query: StartSsoQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const browserToken = browserTokenOrNew(request);
    const { redirectUrl } = await this.signIn.start(ctx, connectionId, query.returnTo, browserToken);
    writeBrowserCookie(response, browserToken, this.secureCookies, this.signIn.stateTtlSeconds);
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(302, redirectUrl);
  }

  @Get('oidc/callback')
  @Public()
  @RateLimit(SSO_RATE_LIMITS.finish)
  @ApiOperation({
    summary: 'OpenID Connect / OAuth redirect URI',
    description: `Where the provider sends the browser back with \`code\` and \`state\` (or \`error\`). ${FLOW_DESCRIPTION}`,
  })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: true })
  @ApiQuery({ name: 'error', required: false })
  @ApiFoundResponse({ description: 'Signed in: to the console, with the session cookies' })
  @ApiProblemResponses(400, 401, 403, 409, 502)
  async oidcCallback(
    @Ctx() ctx: RequestContext,
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    this.signedIn(response, await this.signIn.finishOAuth(ctx, query, readBrowserToken(request)));
  }

  @Post('saml/acs')
  @Public()
  @RateLimit(SSO_RATE_LIMITS.finish)
  @Accepts('application/x-www-form-urlencoded')
  @ApiOperation({
    summary: 'SAML Assertion Consumer Service (HTTP-POST binding)',
    description: `The IdP's form posts \`SAMLResponse\` and \`RelayState\` here. ${FLOW_DESCRIPTION}`,
  })
  @ApiFoundResponse({ description: 'Signed in: to the console, with the session cookies' })
  @ApiProblemResponses(400, 401, 403, 409, 413, 415)
  async samlAcs(@Ctx() ctx: RequestContext, @Req() request: Request, @Res() response: Response): Promise<void> {
    const form = await readFormBody(request, response, this.config.BODY_LIMIT);
    this.signedIn(response, await this.signIn.finishSaml(ctx, form, readBrowserToken(request)));
  }

  @Get('saml/:connectionId/metadata')
  @Public()
  @ApiOperation({
    summary: 'SAML service provider metadata of a connection',
    description: 'Entity id, ACS URL and name id format, to configure the identity provider with.',
  })
  @ApiParam({ name: 'connectionId', format: 'uuid' })
  @ApiProduces('application/samlmetadata+xml')
  @ApiOkResponse({ description: 'SAML 2.0 metadata (XML)', schema: { type: 'string' } })
  @ApiProblemResponses(400, 404)
  async samlMetadata(
    @Ctx() ctx: RequestContext,
    @UuidParam('connectionId') connectionId: string,
    @Res() response: Response,
  ): Promise<void> {
    const xml = await this.signIn.samlMetadata(ctx, connectionId);
    response.type('application/samlmetadata+xml').send(xml);
  }

  /** The session goes to the browser as cookies (with its CSRF token), never in a URL or a body. */
  private signedIn(response: Response, result: SsoSignedIn): void {
    this.tokens.deliver(response, { accessToken: result.issued.accessToken, refreshToken: result.issued.refreshToken });
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(302, result.redirectUrl);
  }
}
