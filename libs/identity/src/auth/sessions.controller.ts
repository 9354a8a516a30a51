import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { AuthService } from './auth.service';
import { SessionResponse } from './dto/session.response';

@ApiTags('Authentication')
@ApiBearerAuth()
@Controller('auth/sessions')
export class SessionsController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiOperation({
    summary: 'List my sessions',
    description: 'The live sessions (signed-in devices) of the current user, most recently used first.',
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
    description: "Signs that device out at once. Another user's session id answers 404, like an unknown one.",
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblemResponses(400, 401, 404)
  revoke(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    return this.auth.revokeSession(ctx, id);
  }
}
