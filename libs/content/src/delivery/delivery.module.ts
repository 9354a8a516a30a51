import { Module } from '@nestjs/common';
import { ContentSharedModule } from '../shared/content-shared.module';

/** The public delivery API. */
@Module({ imports: [ContentSharedModule], controllers: [], providers: [] })
export class DeliveryModule {}
