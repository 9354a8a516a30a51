import { Module } from '@nestjs/common';
import { ContentSharedModule } from '../shared/content-shared.module';

/** Content types: definition, schema changes, versions, snapshots. */
@Module({ imports: [ContentSharedModule], controllers: [], providers: [] })
export class ContentTypesModule {}
