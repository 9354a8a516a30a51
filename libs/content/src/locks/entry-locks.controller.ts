import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { ENTRY_SUBJECT } from '../content.permissions';
import { AcquireEntryLockDto } from './dto/acquire-entry-lock.dto';
import { AcquireEntryLockResponse, EntryLockStateResponse } from './dto/entry-lock.response';
import { EntryLockService } from './entry-lock.service';

@ApiTags('Content locks')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/entries/:id/lock')
export class EntryLocksController {
  constructor(private readonly locks: EntryLockService) {}

  @Get()
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Who is editing an entry',
    description: 'The live lock (holder, since when, until when), or `lock: null` when the entry is free.',
  })
  @ApiOkResponse({ type: EntryLockStateResponse })
  @ApiProblemResponses(400, 404)
  state(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<EntryLockStateResponse> {
    return this.locks.state(ctx, id);
  }

  @Put()
  @HttpCode(200)
  @Can('update', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Take, renew or take over the lock',
    description:
      'Takes the lock, or renews it when the caller holds it (the heartbeat: send it every ~30 s, the lock lives ' +
      '`ttlSeconds`). Another member holding a live lock is a 409 `content.entry-locked` naming them and its ' +
      '`expiresAt`; with `takeOver: true` the lock passes to the caller and the answer names `previousHolder` with ' +
      'a `warning`. Saving an entry does not need the lock.',
  })
  @ApiOkResponse({ type: AcquireEntryLockResponse })
  @ApiProblemResponses(400, 403, 404, 409)
  acquire(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: AcquireEntryLockDto,
  ): Promise<AcquireEntryLockResponse> {
    return this.locks.acquire(ctx, id, body?.takeOver === true);
  }

  @Delete()
  @HttpCode(204)
  @Can('update', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Release the lock',
    description:
      "Releases the caller's lock; a free entry answers 204 as well. Another member's live lock (for instance " +
      'after they took it over from the caller) is a 409 `content.entry-locked`: only the holder releases.',
  })
  @ApiNoContentResponse({ description: 'Released, or nobody held it' })
  @ApiProblemResponses(400, 403, 404, 409)
  async release(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    await this.locks.release(ctx, id);
  }
}
