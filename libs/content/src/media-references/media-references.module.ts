import { Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module';
import { ContentSharedModule } from '../shared/content-shared.module';
import { AssetDeletedListener } from './asset-deleted.listener';
import { MediaReferenceRemover } from './media-reference-remover';
import { MediaUsageService } from './media-usage.service';
import { MediaUsagesController } from './media-usages.controller';

/**
 * Media fields and the media library (docs/media/references.md): "used in" for assets, and taking a deleted asset
 * out of every entry. The check of media ids on save lives with the draft checks (DraftWriter, MediaAssetCatalog).
 */
@Module({
  imports: [ContentSharedModule, EntriesModule],
  controllers: [MediaUsagesController],
  providers: [MediaUsageService, MediaReferenceRemover, AssetDeletedListener],
})
export class MediaReferencesModule {}
