import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Ctx, type RequestContext } from '@quire/core';
import { mailOutboxListSpec } from './mail-outbox-list';
import { MailOutboxListResponse } from './mail-outbox.response';
import { MailOutboxService } from './mail-outbox.service';

@ApiTags('Platform administration')
@ApiBearerAuth()
@Controller('admin/mail')
export class MailOutboxController {
  constructor(private readonly outbox: MailOutboxService) {}

  @Get()
  @ApiOperation({
    summary: 'List the mail outbox',
    description:
      'Every mail of the installation with its delivery status, newest first, with the list query language ' +
      '(e.g. `filter[recipient][eq]=ada@example.com`, `filter[status][eq]=failed`). Without SMTP (development) ' +
      'mails are only logged: their text is shown here so that codes and links can be read. A mail handed to ' +
      'SMTP keeps no text: its links and codes are credentials. Platform administrators only ' +
      '(403 identity.platform-admin-required).',
  })
  @ApiListQuery(mailOutboxListSpec)
  @ApiOkResponse({ type: MailOutboxListResponse })
  @ApiProblemResponses(400, 401, 403)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<MailOutboxListResponse> {
    return this.outbox.list(ctx, query);
  }
}
