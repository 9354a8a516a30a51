import { Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module';
import { ContentSharedModule } from '../shared/content-shared.module';
import { EntryTrashService } from './entry-trash.service';
import { TrashPurgeExecutor } from './trash-purge.executor';
import { EntryDeleteController, TrashController } from './trash.controller';
import { TrashListService } from './trash-list.service';

/** Trash: moving entries to it (the entry's DELETE), listing, restore, permanent delete, and the purge (run by the retention engine). */
@Module({
  imports: [ContentSharedModule, EntriesModule],
  controllers: [EntryDeleteController, TrashController],
  providers: [EntryTrashService, TrashListService, TrashPurgeExecutor],
  exports: [TrashPurgeExecutor],
})
export class TrashModule {}
