import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, Public, RateLimit, type RequestContext } from '@quire/core';
import type { Request, Response } from 'express';
import { AccountService } from '../accounts/account.service';
import { SignUpDto } from '../accounts/dto/sign-up.dto';
import { IDENTITY_RATE_LIMITS } from '../identity.rate-limits';
import { ImpersonationService } from '../impersonation/impersonation.service';
import { BrowserTokenDelivery } from '../sessions/browser-token-delivery';
import { IssuesTokens } from '../sessions/issues-tokens.decorator';
import { refreshTokenSource } from '../sessions/refresh-token-source';
import { AuthService } from './auth.service';
import { AuthTokensResponse, SignUpResponse, TwoFactorRequiredResponse } from './dto/auth-tokens.response';
import { RefreshDto } from './dto/refresh.dto';
import { SignInDto } from './dto/sign-in.dto';

@ApiTags('Authentication')
@ApiExtraModels(AuthTokensResponse, TwoFactorRequiredResponse)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountService,
    private readonly auth: AuthService,
    private readonly impersonation: ImpersonationService,
    private readonly browser: BrowserTokenDelivery,
  ) {}

  @Post('sign-up')
  @Public()
  @RateLimit(IDENTITY_RATE_LIMITS.signUp)
  @IssuesTokens()
  @ApiOperation({
    summary: 'Create an account with a password',
    description:
      'Creates the account, mails an email-verification link (valid 24 hours) and signs the new account in. ' +
      'The email is unique without regard to case (409 identity.email-taken); the password must pass the ' +
      'password policy (400 listing every problem with path `password`).',
  })
  @ApiCreatedResponse({ type: SignUpResponse })
  @ApiProblemResponses(400, 403, 409, 413, 415)
  signUp(@Ctx() ctx: RequestContext, @Body() dto: SignUpDto): Promise<SignUpResponse> {
    return this.accounts.signUp(ctx, dto);
  }

  @Post('sign-in')
  @Public()
  @RateLimit(IDENTITY_RATE_LIMITS.signIn)
  @IssuesTokens()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Answers tokens, or `{ twoFactorRequired: true, challengeToken }` when the account has two-factor ' +
      'authentication: send the challenge token with an authenticator or recovery code to POST /auth/two-factor ' +
      '(valid 5 minutes, once, 5 wrong codes). An unknown email, a wrong password and a closed account all answer ' +
      'the same 401 identity.invalid-credentials; 403 identity.sign-in-method-disabled when password sign-in is off.',
  })
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(AuthTokensResponse) }, { $ref: getSchemaPath(TwoFactorRequiredResponse) }],
    },
  })
  @ApiProblemResponses(400, 401, 403, 413, 415)
  signIn(@Ctx() ctx: RequestContext, @Body() dto: SignInDto): Promise<AuthTokensResponse | TwoFactorRequiredResponse> {
    return this.auth.signIn(ctx, dto);
  }

  @Post('refresh')
  @Public()
  @RateLimit(IDENTITY_RATE_LIMITS.refresh)
  @IssuesTokens()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens',
    description:
      'The refresh token rotates: the one sent stops working. Sending an already rotated token again is treated ' +
      'as theft: every session of that sign-in is ended (401 identity.refresh-token-reused). API clients send ' +
      '`refreshToken` in the body; a browser sends nothing in the body and the quire_refresh cookie instead, with ' +
      'X-CSRF-Token (403 identity.csrf-token-invalid), and gets new cookies back (a refused cookie refresh clears ' +
      'them). Both or neither: 400 naming refreshToken.',
  })
  @ApiOkResponse({ type: AuthTokensResponse })
  @ApiProblemResponses(400, 401, 403, 413, 415)
  refresh(@Ctx() ctx: RequestContext, @Body() dto: RefreshDto, @Req() request: Request): Promise<AuthTokensResponse> {
    const { token, source } = refreshTokenSource(dto.refreshToken, this.browser.refreshCookie(request));
    if (source === 'cookie') {
      this.browser.assertCsrfEchoed(request);
      this.browser.markCookieDelivery(request);
    }
    return this.auth.refresh(ctx, { refreshToken: token });
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Sign out',
    description:
      'Ends the session of the access token in use; its access and refresh tokens are refused at once. A browser ' +
      'signed in by cookie sends X-CSRF-Token (403 identity.csrf-token-invalid) and has its cookies cleared. ' +
      'Signing out of an impersonation session ends the impersonation.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblemResponses(401, 403)
  async signOut(
    @Ctx() ctx: RequestContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    if (ctx.actor.impersonatorId) await this.impersonation.end(ctx, 'sign-out');
    else await this.auth.signOut(ctx);
    if (this.browser.usesCookies(request)) this.browser.clear(response);
  }

  @Post('impersonation/end')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'End the impersonation',
    description:
      'Called with the impersonation session’s token: ends that session at once (its tokens are refused on every ' +
      'instance) and records `identity.impersonation.ended`; cookies of a cookie session are cleared. Any other ' +
      'session: 409 identity.not-impersonating.',
  })
  @ApiNoContentResponse({ description: 'Impersonation ended' })
  @ApiProblemResponses(401, 403, 409)
  async endImpersonation(
    @Ctx() ctx: RequestContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.impersonation.end(ctx, 'end');
    if (this.browser.usesCookies(request)) this.browser.clear(response);
  }
}
