import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { WebhookDeliveryListResponse, WebhookDeliveryResponse } from '../deliveries/dto/webhook-delivery.response';
import { deliveryListSpec } from '../deliveries/webhook-delivery.store';
import { WebhookDeliveryService } from '../deliveries/webhook-delivery.service';
import { WEBHOOK_SUBJECT } from '../webhooks.permissions';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook.dto';
import { WebhookListResponse, WebhookResponse, WebhookWithSecretResponse } from './dto/webhook.response';
import { WebhookSubscriptionService } from './webhook-subscription.service';
import { webhookListSpec } from './webhook-subscription.store';

const SIGNING =
  'Deliveries are POSTed as JSON { id, event, occurredAt, workspace, actor, data } with the headers Quire-Webhook-Id, ' +
  'Quire-Delivery-Id, Quire-Event and Quire-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> ' +
  'keyed with the secret (docs/webhooks.md has the verification code).';

@ApiTags('Webhooks')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/webhooks')
export class WebhooksController {
  constructor(
    private readonly webhooks: WebhookSubscriptionService,
    private readonly deliveries: WebhookDeliveryService,
  ) {}

  @Get()
  @Can('read', WEBHOOK_SUBJECT)
  @ApiOperation({ summary: 'List webhooks', description: 'Newest first. Secrets are never listed.' })
  @ApiListQuery(webhookListSpec)
  @ApiOkResponse({ type: WebhookListResponse })
  @ApiProblemResponses(400, 404)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<WebhookListResponse> {
    return this.webhooks.list(ctx, query);
  }

  @Post()
  @Can('create', WEBHOOK_SUBJECT)
  @ApiOperation({
    summary: 'Create a webhook',
    description:
      'Subscribes a URL to events of this workspace and answers the signing secret, the only time it is shown. ' +
      'Each event must be one of GET /api/v1/webhook-events or a pattern over them (400 naming events[i]); a URL to ' +
      'a loopback, private or link-local address, also through DNS, is a 400 webhooks.url-not-allowed naming url. ' +
      SIGNING,
  })
  @ApiCreatedResponse({ type: WebhookWithSecretResponse })
  @ApiProblemResponses(400, 404, 409, 413, 415)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateWebhookDto): Promise<WebhookWithSecretResponse> {
    return this.webhooks.create(ctx, dto);
  }

  // Before ':id', which would otherwise take "dead-letters" for an id.
  @Get('dead-letters')
  @Can('read', WEBHOOK_SUBJECT)
  @ApiOperation({
    summary: 'List dead letters',
    description:
      "Deliveries of this workspace's webhooks that failed every attempt, newest first (kept 30 days). Replay one " +
      'with POST /webhooks/{id}/deliveries/{deliveryId}/replay.',
  })
  @ApiListQuery(deliveryListSpec)
  @ApiOkResponse({ type: WebhookDeliveryListResponse })
  @ApiProblemResponses(400, 404)
  deadLetters(
    @Ctx() ctx: RequestContext,
    @Query() query: Record<string, unknown>,
  ): Promise<WebhookDeliveryListResponse> {
    return this.deliveries.deadLetters(ctx, query);
  }

  @Get(':id')
  @Can('read', WEBHOOK_SUBJECT)
  @ApiOperation({ summary: 'Get a webhook', description: "Another workspace's webhook id answers 404." })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiProblemResponses(400, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<WebhookResponse> {
    return this.webhooks.get(ctx, id);
  }

  @Patch(':id')
  @Can('update', WEBHOOK_SUBJECT)
  @ApiOperation({
    summary: 'Change a webhook',
    description:
      'URL and events are checked as on create. enabled: true enables a disabled webhook and resets its count of ' +
      'dead deliveries in a row; deliveries cancelled while it was disabled can be replayed.',
  })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiProblemResponses(400, 404, 413, 415)
  update(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookResponse> {
    return this.webhooks.update(ctx, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', WEBHOOK_SUBJECT)
  @ApiOperation({ summary: 'Delete a webhook', description: 'With its delivery log; queued deliveries are dropped.' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 404)
  remove(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    return this.webhooks.remove(ctx, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Can('update', WEBHOOK_SUBJECT)
  @ApiOperation({
    summary: "Rotate a webhook's signing secret",
    description:
      'Answers the new secret, the only time it is shown. For 24 hours deliveries carry two signatures (v1 of the ' +
      'new secret, then v1 of the previous one), so that the receiver can switch without missing a delivery.',
  })
  @ApiOkResponse({ type: WebhookWithSecretResponse })
  @ApiProblemResponses(400, 404)
  rotateSecret(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<WebhookWithSecretResponse> {
    return this.webhooks.rotateSecret(ctx, id);
  }

  @Post(':id/ping')
  @HttpCode(202)
  @Can('update', WEBHOOK_SUBJECT)
  @ApiOperation({
    summary: 'Send a test ping',
    description:
      'Queues a delivery of the event webhooks.subscription.pinged, signed like any other, and answers it; follow ' +
      'it in the delivery log. A disabled webhook is a 409.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse })
  @ApiProblemResponses(400, 404, 409)
  ping(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<WebhookDeliveryResponse> {
    return this.webhooks.ping(ctx, id);
  }
}
