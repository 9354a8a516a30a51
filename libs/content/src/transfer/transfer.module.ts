import { Module } from '@nestjs/common';
import { ContentSharedModule } from '../shared/content-shared.module';

/** Import and export of a workspace's content types and entries. */
@Module({ imports: [ContentSharedModule], controllers: [], providers: [] })
export class TransferModule {}
