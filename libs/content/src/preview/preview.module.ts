import { Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module';
import { ContentSharedModule } from '../shared/content-shared.module';
import { PreviewController } from './preview.controller';
import { PreviewReader } from './preview-reader';
import { PreviewTokenStore } from './preview-token.store';
import { PreviewService } from './preview.service';

/** Preview tokens (drafts through the delivery API) and per-type preview URLs for the console. */
@Module({
  imports: [ContentSharedModule, EntriesModule],
  controllers: [PreviewController],
  providers: [PreviewTokenStore, PreviewReader, PreviewService],
  // The delivery API reads drafts with a token through this.
  exports: [PreviewReader],
})
export class PreviewModule {}
