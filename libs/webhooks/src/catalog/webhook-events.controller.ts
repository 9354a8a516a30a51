import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '@quire/core';
import { PublicEventCatalog } from './public-event-catalog';
import { WebhookEventListResponse } from './webhook-event.response';

@ApiTags('Webhooks')
@ApiBearerAuth()
@Controller('webhook-events')
export class WebhookEventsController {
  constructor(private readonly catalog: PublicEventCatalog) {}

  @Get()
  @ApiOperation({
    summary: 'List the events webhooks can subscribe to',
    description:
      "Every public event of this installation's plugins, with the plugin offering it. A webhook subscribes to " +
      'names from this list or to patterns over them (content.entry.*, content.*, *). Any signed-in member or API key.',
  })
  @ApiOkResponse({ type: WebhookEventListResponse })
  @ApiProblemResponses(401)
  list(): WebhookEventListResponse {
    return { data: this.catalog.events.map((event) => ({ ...event })) };
  }
}
