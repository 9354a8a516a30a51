import { Module } from '@nestjs/common';
import { RevisionRecorder } from '../entries/revision-recorder';
import { ContentSharedModule } from '../shared/content-shared.module';
import { EntryTrashService } from './entry-trash.service';
import { TrashPurgeJob } from './trash-purge.job';
import { EntryDeleteController, TrashController } from './trash.controller';
import { TrashListService } from './trash-list.service';

/** Trash: moving entries to it (the entry's DELETE), listing, restore, permanent delete, and the purge job. */
@Module({
  imports: [ContentSharedModule],
  controllers: [EntryDeleteController, TrashController],
  providers: [EntryTrashService, TrashListService, TrashPurgeJob, RevisionRecorder],
  exports: [TrashPurgeJob],
})
export class TrashModule {}
