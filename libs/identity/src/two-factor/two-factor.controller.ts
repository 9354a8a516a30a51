import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, RateLimit, type RequestContext } from '@quire/core';
import { IDENTITY_RATE_LIMITS } from '../identity.rate-limits';
import { DisableTwoFactorDto, TwoFactorCodeDto } from './dto/two-factor.dto';
import { RecoveryCodesResponse, TwoFactorSetupResponse, TwoFactorStatusResponse } from './dto/two-factor.response';
import { TwoFactorService } from './two-factor.service';

const NOT_IMPERSONATING = 'Refused in an impersonation session (403 identity.impersonation-forbidden).';

@ApiTags('Authentication')
@ApiBearerAuth()
@Controller('me/two-factor')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Get()
  @ApiOperation({
    summary: 'Get my two-factor status',
    description: 'Whether TOTP two-factor authentication is on, since when, and how many recovery codes are unused.',
  })
  @ApiOkResponse({ type: TwoFactorStatusResponse })
  @ApiProblemResponses(400, 401)
  status(@Ctx() ctx: RequestContext): Promise<TwoFactorStatusResponse> {
    return this.twoFactor.status(ctx);
  }

  @Post('setup')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Start setting up two-factor authentication',
    description:
      'Generates a TOTP secret, stored encrypted and pending until confirmed (2FA is not on yet), and answers it ' +
      'with its otpauth:// URI and a QR code to scan with an authenticator app. Setting up again before confirming ' +
      'replaces the pending secret; with 2FA already on: 409 identity.two-factor-already-enabled. ' +
      NOT_IMPERSONATING,
  })
  @ApiCreatedResponse({ type: TwoFactorSetupResponse })
  @ApiProblemResponses(400, 401, 403, 409)
  setup(@Ctx() ctx: RequestContext): Promise<TwoFactorSetupResponse> {
    return this.twoFactor.setup(ctx);
  }

  @Post('confirm')
  @RateLimit(IDENTITY_RATE_LIMITS.reauthentication)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Turn on two-factor authentication',
    description:
      'Checks a code from the app against the pending secret, turns 2FA on and answers 10 recovery codes, shown ' +
      'this once. Every other session of the account is signed out and a notice is mailed. A wrong code: 400 ' +
      'identity.wrong-two-factor-code naming `code`; no pending secret: 409 identity.two-factor-not-set-up; ' +
      'already on: 409 identity.two-factor-already-enabled. ' +
      NOT_IMPERSONATING,
  })
  @ApiOkResponse({ type: RecoveryCodesResponse })
  @ApiProblemResponses(400, 401, 403, 409, 413, 415)
  confirm(@Ctx() ctx: RequestContext, @Body() dto: TwoFactorCodeDto): Promise<RecoveryCodesResponse> {
    return this.twoFactor.confirm(ctx, dto);
  }

  @Post('recovery-codes')
  @RateLimit(IDENTITY_RATE_LIMITS.reauthentication)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace my recovery codes',
    description:
      'Needs a current authenticator code. Every earlier recovery code stops working; the 10 new ones are shown ' +
      'this once. 2FA off: 409 identity.two-factor-not-enabled. ' +
      NOT_IMPERSONATING,
  })
  @ApiOkResponse({ type: RecoveryCodesResponse })
  @ApiProblemResponses(400, 401, 403, 409, 413, 415)
  regenerateRecoveryCodes(@Ctx() ctx: RequestContext, @Body() dto: TwoFactorCodeDto): Promise<RecoveryCodesResponse> {
    return this.twoFactor.regenerateRecoveryCodes(ctx, dto);
  }

  @Post('disable')
  @RateLimit(IDENTITY_RATE_LIMITS.reauthentication)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Turn off two-factor authentication',
    description:
      'Needs exactly one proof: `code` (authenticator), `recoveryCode` or `password`. Deletes the secret and the ' +
      'recovery codes, signs every other session out and mails a notice. A wrong code: 400 ' +
      'identity.wrong-two-factor-code; a wrong password: 400 identity.wrong-password; no password on the account: ' +
      '409 identity.password-not-set; 2FA off: 409 identity.two-factor-not-enabled. ' +
      NOT_IMPERSONATING,
  })
  @ApiNoContentResponse({ description: 'Two-factor authentication is off' })
  @ApiProblemResponses(400, 401, 403, 409, 413, 415)
  disable(@Ctx() ctx: RequestContext, @Body() dto: DisableTwoFactorDto): Promise<void> {
    return this.twoFactor.disable(ctx, dto);
  }
}
