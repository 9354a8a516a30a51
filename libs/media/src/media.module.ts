import { Module } from '@nestjs/common';
import { AssetBulkService } from './assets/asset-bulk.service';
import { AssetFiles } from './assets/asset-files';
import { AssetRemoval } from './assets/asset-removal';
import { AssetStore } from './assets/asset-store';
import { AssetService } from './assets/asset.service';
import { AssetsController } from './assets/assets.controller';
import { FolderStore } from './folders/folder-store';
import { FolderService } from './folders/folder.service';
import { FoldersController } from './folders/folders.controller';
import { AssetDeliveryService } from './serving/asset-delivery.service';
import { FileServing } from './serving/file-serving';
import { MediaDeliveryController } from './serving/media-delivery.controller';
import { MediaUrls } from './serving/media-urls';
import { UrlSigner } from './serving/url-signer';
import { mediaStorageProvider } from './storage/media-storage.providers';
import { UploadService } from './upload/upload.service';
import { MediaUsage } from './usage/media-usage';
import { variantProviders } from './variants/variants.providers';

/** The media library: uploads, metadata, folders, bulk changes, quotas, and serving originals. */
@Module({
  controllers: [AssetsController, FoldersController, MediaDeliveryController],
  providers: [
    mediaStorageProvider,
    ...variantProviders,
    AssetStore,
    AssetFiles,
    AssetRemoval,
    AssetService,
    AssetBulkService,
    FolderStore,
    FolderService,
    UploadService,
    MediaUsage,
    UrlSigner,
    MediaUrls,
    FileServing,
    AssetDeliveryService,
  ],
  exports: [AssetStore, MediaUrls],
})
export class MediaModule {}
