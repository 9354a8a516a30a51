import { Body, Controller, HttpCode, Post } from '@nestjs/common';
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
import { ApiProblemResponses, Ctx, Public, type RequestContext } from '@quire/core';
import { AccountService } from '../accounts/account.service';
import { SignUpDto } from '../accounts/dto/sign-up.dto';
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
  ) {}

  @Post('sign-up')
  @Public()
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
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Answers tokens, or `{ twoFactorRequired: true }` when the account has two-factor authentication. An ' +
      'unknown email, a wrong password and a closed account all answer the same 401 identity.invalid-credentials.',
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
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens',
    description:
      'The refresh token rotates: the one sent stops working. Sending an already rotated token again is treated ' +
      'as theft: every session of that sign-in is ended (401 identity.refresh-token-reused).',
  })
  @ApiOkResponse({ type: AuthTokensResponse })
  @ApiProblemResponses(400, 401, 413, 415)
  refresh(@Ctx() ctx: RequestContext, @Body() dto: RefreshDto): Promise<AuthTokensResponse> {
    return this.auth.refresh(ctx, dto);
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Sign out',
    description: 'Ends the session of the access token in use; its access and refresh tokens are refused at once.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblemResponses(401)
  signOut(@Ctx() ctx: RequestContext): Promise<void> {
    return this.auth.signOut(ctx);
  }
}
