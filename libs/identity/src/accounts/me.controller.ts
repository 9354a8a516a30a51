import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, type RequestContext } from '@quire/core';
import { AccountService } from './account.service';
import { UserResponse } from './dto/user.response';

@ApiTags('Authentication')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountService) {}

  @Get()
  @ApiOperation({ summary: 'Get my account', description: 'The signed-in user’s profile and security settings.' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblemResponses(401)
  me(@Ctx() ctx: RequestContext): Promise<UserResponse> {
    return this.accounts.me(ctx);
  }
}
