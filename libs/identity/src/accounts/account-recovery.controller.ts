import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, Public, RateLimit, type RequestContext } from '@quire/core';
import { IDENTITY_RATE_LIMITS } from '../identity.rate-limits';
import { ConfirmPasswordResetDto } from './dto/confirm-password-reset.dto';
import { RequestPasswordResetDto } from './dto/request-password-reset.dto';
import { VerifyEmailDto } from './dto/verify-email.dto';
import { EmailVerificationService } from './email-verification.service';
import { PasswordResetService } from './password-reset.service';

/** The public endpoints behind the links Quire mails: email verification and password reset. */
@ApiTags('Authentication')
@Controller('auth')
export class AccountRecoveryController {
  constructor(
    private readonly verification: EmailVerificationService,
    private readonly resets: PasswordResetService,
  ) {}

  @Post('verify-email')
  @Public()
  @RateLimit(IDENTITY_RATE_LIMITS.linkToken)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Verify an email address',
    description:
      'Takes the token of the link in the verification mail. An unknown, expired, already used or superseded ' +
      'token answers 400 identity.token-invalid.',
  })
  @ApiNoContentResponse({ description: 'The email address is verified' })
  @ApiProblemResponses(400, 413, 415)
  verifyEmail(@Ctx() ctx: RequestContext, @Body() dto: VerifyEmailDto): Promise<void> {
    return this.verification.verify(ctx, dto);
  }

  @Post('password-reset')
  @Public()
  @RateLimit(IDENTITY_RATE_LIMITS.passwordResetRequest)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Request a password reset link',
    description:
      'Always answers 202 with no body, whether or not an account has this address (no enumeration). An open ' +
      'account is mailed a single-use link valid 1 hour; earlier reset links stop working. Closed accounts get ' +
      'nothing. Also how an account without a password (email code or SSO only) sets one.',
  })
  @ApiAcceptedResponse({ description: 'If an open account has this address, a link is on its way' })
  @ApiProblemResponses(400, 403, 413, 415)
  requestPasswordReset(@Ctx() ctx: RequestContext, @Body() dto: RequestPasswordResetDto): Promise<void> {
    return this.resets.request(ctx, dto);
  }

  @Post('password-reset/confirm')
  @Public()
  @RateLimit(IDENTITY_RATE_LIMITS.linkToken)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with a reset link',
    description:
      'Takes the token of the reset link and the new password (400 naming `password` when the policy refuses it; ' +
      'the link then still works). Marks the email verified, signs every session of the account out at once and ' +
      'mails a notice. Issues no tokens: sign in with the new password. An unknown, expired or used token ' +
      'answers 400 identity.token-invalid.',
  })
  @ApiNoContentResponse({ description: 'The new password is set' })
  @ApiProblemResponses(400, 403, 413, 415)
  confirmPasswordReset(@Ctx() ctx: RequestContext, @Body() dto: ConfirmPasswordResetDto): Promise<void> {
    return this.resets.confirm(ctx, dto);
  }
}
