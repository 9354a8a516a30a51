import { Module } from '@nestjs/common';
import { ContentSharedModule } from '../shared/content-shared.module';

/** Entries: drafts per locale, publishing, revisions, translations. */
@Module({ imports: [ContentSharedModule], controllers: [], providers: [] })
export class EntriesModule {}
