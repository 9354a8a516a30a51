import { Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module';
import { ContentSharedModule } from '../shared/content-shared.module';
import { EntryTrashService } from './entry-trash.service';
import { TrashPurgeJob } from './trash-purge.job';
import { EntryDeleteController, TrashController } from './trash.controller';
import { TrashListService } from './trash-list.service';

/** Trash: moving entries to it (the entry's DELETE), listing, restore, permanent delete, and the purge job. */
@Module({
  imports: [ContentSharedModule, EntriesModule],
  controllers: [EntryDeleteController, TrashController],
  providers: [EntryTrashService, TrashListService, TrashPurgeJob],
  exports: [TrashPurgeJob],
})
export class TrashModule {}
