import { Module } from '@nestjs/common';
import { ContentEventHub } from './content-event-hub';
import { ContentEventListener } from './content-event-listener';
import { RealtimeController } from './realtime.controller';

/** The live event stream of a workspace, filtered by the subscriber's rights (docs/content/realtime.md). */
@Module({
  controllers: [RealtimeController],
  providers: [ContentEventHub, ContentEventListener],
  exports: [ContentEventHub],
})
export class RealtimeModule {}
