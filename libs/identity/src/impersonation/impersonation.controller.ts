import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, type RequestContext } from '@quire/core';
import { IssuesTokens } from '../sessions/issues-tokens.decorator';
import { ImpersonationStartedResponse } from './dto/impersonation.response';
import { StartImpersonationDto } from './dto/start-impersonation.dto';
import { ImpersonationService } from './impersonation.service';

@ApiTags('Platform administration')
@ApiBearerAuth()
@Controller('admin/impersonation')
export class ImpersonationController {
  constructor(private readonly impersonation: ImpersonationService) {}

  @Post()
  @IssuesTokens()
  @ApiOperation({
    summary: 'Start acting as a user',
    description:
      'A platform administrator, with a session of their own (403 identity.platform-admin-required; not while ' +
      'impersonating: 403 identity.impersonation-forbidden), opens a session as the user for `minutes` (1–60, ' +
      'default 15) with a `reason` (10–500 characters) recorded in the audit trail (event ' +
      '`identity.impersonation.started`). Not yourself, another platform administrator or a closed account (403 ' +
      'identity.impersonation-not-allowed with `reason`). Every response to the new session carries ' +
      '`Quire-Impersonator` and `Quire-Impersonation-Expires`; it cannot change the user’s credentials, its ' +
      'refresh never extends it, and it ends by POST /auth/impersonation/end. The user sees it in their sessions.',
  })
  @ApiCreatedResponse({ type: ImpersonationStartedResponse })
  @ApiProblemResponses(400, 401, 403, 404, 413, 415)
  start(@Ctx() ctx: RequestContext, @Body() dto: StartImpersonationDto): Promise<ImpersonationStartedResponse> {
    return this.impersonation.start(ctx, dto);
  }
}
