import { Module } from '@nestjs/common';
import { PreviewModule } from '../preview/preview.module';
import { ContentSharedModule } from '../shared/content-shared.module';
import { DeliveryResponseCache } from './delivery-cache';
import { DeliveryCountMemo } from './delivery-count-memo';
import { DeliveryStateReader } from './delivery-state';
import { DeliveryController } from './delivery.controller';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryService } from './delivery.service';

/** The public delivery API (`/api/v1/delivery/{workspace}/…`). */
@Module({
  imports: [ContentSharedModule, PreviewModule],
  controllers: [DeliveryController],
  providers: [DeliveryService, DeliveryRepository, DeliveryStateReader, DeliveryResponseCache, DeliveryCountMemo],
})
export class DeliveryModule {}
