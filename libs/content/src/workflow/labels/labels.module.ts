import { Module } from '@nestjs/common';
import { EntriesModule } from '../../entries/entries.module';
import { EntryLabelsController } from './entry-labels.controller';
import { LabelService } from './label.service';
import { LabelsController } from './labels.controller';

/** Labels of a workspace and their attachment to entries. */
@Module({
  imports: [EntriesModule],
  controllers: [LabelsController, EntryLabelsController],
  providers: [LabelService],
})
export class LabelsModule {}
