import { Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module';
import { ContentSharedModule } from '../shared/content-shared.module';
import { ScheduledPublishingJob } from './scheduled-publishing.job';
import { ScheduleService } from './schedule.service';
import { SchedulingController } from './scheduling.controller';

/** Scheduled publish and unpublish of an entry's locale, and the job that runs them. */
@Module({
  imports: [ContentSharedModule, EntriesModule],
  controllers: [SchedulingController],
  providers: [ScheduleService, ScheduledPublishingJob],
  exports: [ScheduledPublishingJob],
})
export class SchedulingModule {}
