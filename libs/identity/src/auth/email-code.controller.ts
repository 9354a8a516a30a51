import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, Public, RateLimit, type RequestContext } from '@quire/core';
import { IDENTITY_RATE_LIMITS } from '../identity.rate-limits';
import { IssuesTokens } from '../sessions/issues-tokens.decorator';
import { AuthTokensResponse, TwoFactorRequiredResponse } from './dto/auth-tokens.response';
import { EmailCodeRequestDto, EmailCodeVerifyDto } from './dto/email-code.dto';
import { EmailCodeSignInService } from './email-code-sign-in.service';

@ApiTags('Authentication')
@ApiExtraModels(AuthTokensResponse, TwoFactorRequiredResponse)
@Controller('auth/email-code')
export class EmailCodeController {
  constructor(private readonly emailCodes: EmailCodeSignInService) {}

  @Post()
  @Public()
  @RateLimit(IDENTITY_RATE_LIMITS.emailCodeRequest)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Mail me a sign-in code',
    description:
      'Mails a 6-digit code, valid 10 minutes and once, to the address if it has an open account; any earlier ' +
      'code of the address stops working. The answer is the same 202 whether or not an account exists. 403 ' +
      'identity.sign-in-method-disabled when email-code sign-in is turned off.',
  })
  @ApiAcceptedResponse({ description: 'If the address has an account, a code is on its way' })
  @ApiProblemResponses(400, 403, 413, 415)
  request(@Ctx() ctx: RequestContext, @Body() dto: EmailCodeRequestDto): Promise<void> {
    return this.emailCodes.request(ctx, dto);
  }

  @Post('verify')
  @Public()
  @RateLimit(IDENTITY_RATE_LIMITS.emailCodeVerify)
  @HttpCode(200)
  @IssuesTokens()
  @ApiOperation({
    summary: 'Sign in with a mailed code',
    description:
      'Spends the code and marks the address verified. Answers tokens, or `{ twoFactorRequired: true, ' +
      'challengeToken }` when the account has two-factor authentication (then POST /auth/two-factor). A wrong, ' +
      'expired or used code, or an address without a code: 401 identity.code-invalid. After 5 wrong codes the ' +
      'code is dead: 401 identity.code-attempts-exhausted; request a new one. 403 identity.sign-in-method-disabled ' +
      'when email-code sign-in is turned off.',
  })
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(AuthTokensResponse) }, { $ref: getSchemaPath(TwoFactorRequiredResponse) }],
    },
  })
  @ApiProblemResponses(400, 401, 403, 413, 415)
  verify(
    @Ctx() ctx: RequestContext,
    @Body() dto: EmailCodeVerifyDto,
  ): Promise<AuthTokensResponse | TwoFactorRequiredResponse> {
    return this.emailCodes.verify(ctx, dto);
  }
}
