import { Module } from '@nestjs/common';
import { ContentTypesModule } from './types/content-types.module';
import { DeliveryModule } from './delivery/delivery.module';
import { EntriesModule } from './entries/entries.module';
import { EntryLocksModule } from './locks/entry-locks.module';
import { MediaReferencesModule } from './media-references/media-references.module';
import { PreviewModule } from './preview/preview.module';
import { RealtimeModule } from './realtime/realtime.module';
import { ReleasesModule } from './releases/releases.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { TransferModule } from './transfer/transfer.module';
import { TrashModule } from './trash/trash.module';
import { WorkflowModule } from './workflow/workflow.module';

@Module({
  imports: [
    ContentTypesModule,
    EntriesModule,
    TrashModule,
    TransferModule,
    DeliveryModule,
    SchedulingModule,
    PreviewModule,
    EntryLocksModule,
    RealtimeModule,
    ReleasesModule,
    WorkflowModule,
    MediaReferencesModule,
  ],
})
export class ContentModule {}
