import { Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module';
import { ContentSharedModule } from '../shared/content-shared.module';
import { WorkflowCoreModule } from '../workflow/workflow-core.module';
import { ReleaseChecker } from './release-checker';
import { ReleasePublishingJob } from './release-publishing.job';
import { ReleaseRunner } from './release-runner';
import { ReleaseService } from './release.service';
import { ReleasesController } from './releases.controller';

/** Content releases: entry locales published or unpublished together, now or at a time, and the job that runs them. */
@Module({
  imports: [ContentSharedModule, EntriesModule, WorkflowCoreModule],
  controllers: [ReleasesController],
  providers: [ReleaseService, ReleaseChecker, ReleaseRunner, ReleasePublishingJob],
  exports: [ReleasePublishingJob],
})
export class ReleasesModule {}
