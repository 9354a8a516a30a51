import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, RateLimit, type RequestContext } from '@quire/core';
import { ActiveWorkspaceService } from '../active-workspace/active-workspace.service';
import { IDENTITY_RATE_LIMITS } from '../identity.rate-limits';
import { AccountClosureService } from './account-closure.service';
import { AccountService } from './account.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { CloseAccountDto } from './dto/close-account.dto';
import { MeResponse } from './dto/me.response';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { UserResponse } from './dto/user.response';
import { EmailVerificationService } from './email-verification.service';
import { PasswordChangeService } from './password-change.service';

@ApiTags('Authentication')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly accounts: AccountService,
    private readonly verification: EmailVerificationService,
    private readonly passwords: PasswordChangeService,
    private readonly closure: AccountClosureService,
    private readonly activeWorkspace: ActiveWorkspaceService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Get my account',
    description:
      'The signed-in user’s profile and security settings, and the workspace and team this session works in ' +
      '(`PUT /me/active-workspace`): null when none, or when you are no longer in it.',
  })
  @ApiOkResponse({ type: MeResponse })
  @ApiProblemResponses(401)
  async me(@Ctx() ctx: RequestContext): Promise<MeResponse> {
    const [user, active] = await Promise.all([this.accounts.me(ctx), this.activeWorkspace.current(ctx)]);
    return { ...user, ...active };
  }

  @Patch()
  @ApiOperation({
    summary: 'Update my profile and preferences',
    description:
      'Changes the members sent: `displayName`, `avatarUrl` (an http(s) URL, or null to remove it) and ' +
      '`preferences` (`theme`, `language` as a BCP 47 tag, each null to return to the default; `notifications` ' +
      'merged kind by kind). Unknown members are refused with 400 naming them.',
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblemResponses(400, 401, 413, 415)
  update(@Ctx() ctx: RequestContext, @Body() dto: UpdateProfileDto): Promise<UserResponse> {
    return this.accounts.updateProfile(ctx, dto);
  }

  @Post('email-verification')
  @RateLimit(IDENTITY_RATE_LIMITS.verificationResend)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a new email-verification link',
    description:
      'Mails a new verification link (valid 24 hours); earlier links stop working. An account whose email is ' +
      'already verified answers 409 identity.email-already-verified.',
  })
  @ApiAcceptedResponse({ description: 'The link is on its way' })
  @ApiProblemResponses(401, 409)
  resendVerification(@Ctx() ctx: RequestContext): Promise<void> {
    return this.verification.resend(ctx);
  }

  @Post('password')
  @RateLimit(IDENTITY_RATE_LIMITS.reauthentication)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change my password',
    description:
      'Needs the current password (400 identity.wrong-password naming `currentPassword`); the new one must pass ' +
      'the password policy (400 naming `newPassword`). Every other session of the account is signed out, this ' +
      'one stays; a notice is mailed. Accounts without a password (409 identity.password-not-set) set one ' +
      'through the password reset. Refused while impersonating (403).',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiProblemResponses(400, 401, 403, 409, 413, 415)
  changePassword(@Ctx() ctx: RequestContext, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.passwords.change(ctx, dto);
  }

  @Post('close')
  @RateLimit(IDENTITY_RATE_LIMITS.reauthentication)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Close my account',
    description:
      'An account with a password must send it (400 naming `password`; identity.wrong-password when wrong). ' +
      'Closes the account, signs every device out at once, ends pending codes and links, and publishes ' +
      '`identity.account.closed` (the user’s API keys are revoked). The account can no longer sign in; its data ' +
      'is kept 90 days, then anonymized. Refused while impersonating (403).',
  })
  @ApiNoContentResponse({ description: 'Closed' })
  @ApiProblemResponses(400, 401, 403, 413, 415)
  close(@Ctx() ctx: RequestContext, @Body() dto: CloseAccountDto): Promise<void> {
    return this.closure.close(ctx, dto);
  }
}
