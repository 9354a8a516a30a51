import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, type RequestContext } from '@quire/core';
import type { Response } from 'express';
import { ENTRY_SUBJECT } from '../content.permissions';
import { ContentEventHub } from './content-event-hub';
import { formatServerSentEvent } from './content-stream-event';
import { ContentStreamEventDto } from './dto/content-stream-event.dto';

/** A comment line every 15 s keeps proxies from closing an idle stream and lets clients notice a dead one. */
const HEARTBEAT_MS = 15_000;
/** How long a browser's EventSource waits before reconnecting. */
const RECONNECT_MS = 5_000;

@ApiTags('Content realtime')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/events')
export class RealtimeController {
  constructor(private readonly hub: ContentEventHub) {}

  @Get()
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Live content events (server-sent events)',
    description:
      'A `text/event-stream` of the content events of the workspace as they commit (entries created, updated, ' +
      'published, unpublished, deleted, restored, locked, unlocked, taken over, scheduled; type changes): per ' +
      'message `id:` the event id, `event:` its name, `data:` JSON `{ name, occurredAt, actor, payload }`, and a ' +
      '`: heartbeat` comment every 15 s. Only events of records the caller may read are sent, judged by the ' +
      "caller's roles when the stream opened (a role change holds from the next connection). No replay: " +
      '`Last-Event-ID` is ignored, a reconnecting client reloads what it shows. See docs/content/realtime.md.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ type: ContentStreamEventDto, description: 'A stream of messages whose `data:` is this object' })
  @ApiProblemResponses(403, 404)
  stream(@Ctx() ctx: RequestContext, @Res() response: Response): void {
    const workspaceId = ctx.workspace!.id;
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store, no-transform');
    response.setHeader('Connection', 'keep-alive');
    // nginx and similar proxies buffer responses unless told not to.
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write(`retry: ${RECONNECT_MS}\n: connected\n\n`);

    let open = true;
    const close = (): void => {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      unsubscribe();
      response.end();
    };
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const unsubscribe = this.hub.subscribe({
      workspaceId,
      ability: ctx.ability,
      send: (event) => {
        if (open) response.write(formatServerSentEvent(event));
      },
      close,
    });
    response.once('close', close);
  }
}
