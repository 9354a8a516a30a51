import { Module } from '@nestjs/common';
import { ContentSharedModule } from '../shared/content-shared.module';

/** Trash: listing, restore, permanent delete, purge job. */
@Module({ imports: [ContentSharedModule], controllers: [], providers: [] })
export class TrashModule {}
