import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { AuthService } from './auth.service';
import { assertNotImpersonating } from './session-actor';
import { SessionResponse } from './dto/session.response';

@ApiTags('Authentication')
@ApiBearerAuth()
@Controller('auth/sessions')
export class SessionsController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiOperation({
    summary: 'List my sessions',
    description:
      'The live sessions (signed-in devices) of the current user, most recently used first, including any session ' +
      'in which a platform administrator acts as the user (`impersonation: true`).',
  })
  @ApiOkResponse({ type: [SessionResponse] })
  @ApiProblemResponses(401)
  list(@Ctx() ctx: RequestContext): Promise<SessionResponse[]> {
    return this.auth.listSessions(ctx);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke one of my sessions',
    description:
      "Signs that device out at once. Another user's session id answers 404, like an unknown one. Not from an " +
      'impersonation session (403 identity.impersonation-forbidden): an administrator acting as the user may not ' +
      'sign them out of their devices; the impersonation itself ends with POST /auth/impersonation/end.',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblemResponses(400, 401, 403, 404)
  revoke(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    assertNotImpersonating(ctx, "revoke the user's sessions");
    return this.auth.revokeSession(ctx, id);
  }
}
