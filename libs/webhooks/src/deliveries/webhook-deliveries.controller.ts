import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { WEBHOOK_SUBJECT } from '../webhooks.permissions';
import {
  WebhookDeliveryDetailResponse,
  WebhookDeliveryListResponse,
  WebhookDeliveryResponse,
} from './dto/webhook-delivery.response';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { deliveryListSpec } from './webhook-delivery.store';

@ApiTags('Webhooks')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@ApiParam({ name: 'id', description: 'Webhook id' })
@Controller('workspaces/:workspace/webhooks/:id/deliveries')
export class WebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveryService) {}

  @Get()
  @Can('read', WEBHOOK_SUBJECT)
  @ApiOperation({
    summary: "List a webhook's deliveries",
    description:
      'The delivery log, newest first (kept 30 days): status, event, attempts, last HTTP status and error. Filter ' +
      'e.g. filter[status]=dead, filter[event][eq]=content.entry.published, filter[createdAt][gte]=….',
  })
  @ApiListQuery(deliveryListSpec)
  @ApiOkResponse({ type: WebhookDeliveryListResponse })
  @ApiProblemResponses(400, 404)
  list(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<WebhookDeliveryListResponse> {
    return this.deliveries.list(ctx, id, query);
  }

  @Get(':deliveryId')
  @Can('read', WEBHOOK_SUBJECT)
  @ApiOperation({
    summary: 'Get a delivery with its attempts',
    description:
      'The payload as sent and every attempt: time, duration, URL, response status, response excerpt, error.',
  })
  @ApiOkResponse({ type: WebhookDeliveryDetailResponse })
  @ApiProblemResponses(400, 404)
  get(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @UuidParam('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryDetailResponse> {
    return this.deliveries.get(ctx, id, deliveryId);
  }

  @Post(':deliveryId/replay')
  @HttpCode(202)
  @Can('update', WEBHOOK_SUBJECT)
  @ApiOperation({
    summary: 'Replay a delivery',
    description:
      'Queues a new delivery of the same payload (same event id) that names the original in replayOf, whatever ' +
      'became of the original — a dead letter too. A disabled webhook is a 409.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse })
  @ApiProblemResponses(400, 404, 409)
  replay(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @UuidParam('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryResponse> {
    return this.deliveries.replay(ctx, id, deliveryId);
  }
}
