import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, Public, RateLimit, type RequestContext } from '@quire/core';
import { IDENTITY_RATE_LIMITS } from '../identity.rate-limits';
import { IssuesTokens } from '../sessions/issues-tokens.decorator';
import { AuthTokensResponse } from './dto/auth-tokens.response';
import { TwoFactorSignInDto } from './dto/two-factor-sign-in.dto';
import { TwoFactorSignInService } from './two-factor-sign-in.service';

@ApiTags('Authentication')
@Controller('auth/two-factor')
export class TwoFactorSignInController {
  constructor(private readonly twoFactor: TwoFactorSignInService) {}

  @Post()
  @Public()
  @RateLimit(IDENTITY_RATE_LIMITS.twoFactorSignIn)
  @HttpCode(200)
  @IssuesTokens()
  @ApiOperation({
    summary: 'Complete a sign-in with two-factor authentication',
    description:
      'The `challengeToken` from the first step (password or email code) with exactly one of `code` (the ' +
      'authenticator app, ±30 s; a code is accepted once) or `recoveryCode` (each works once). Answers tokens. ' +
      'A wrong code: 401 identity.two-factor-code-invalid with `attemptsRemaining`; after 5 the challenge is ' +
      'used up. An unknown, expired, used or used-up challenge: 401 identity.challenge-invalid; sign in again.',
  })
  @ApiOkResponse({ type: AuthTokensResponse })
  @ApiProblemResponses(400, 401, 413, 415)
  answer(@Ctx() ctx: RequestContext, @Body() dto: TwoFactorSignInDto): Promise<AuthTokensResponse> {
    return this.twoFactor.answer(ctx, dto);
  }
}
