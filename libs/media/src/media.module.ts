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
import { UrlImportController } from './import/url-import.controller';
import { UrlImportService } from './import/url-import.service';
import { ResumableUploadCleanupJob } from './resumable/resumable-upload-cleanup.job';
import { ResumableUploadsController } from './resumable/resumable-uploads.controller';
import { ResumableUploads } from './resumable/resumable-uploads.service';
import { AssetDeliveryService } from './serving/asset-delivery.service';
import { FileServing } from './serving/file-serving';
import { MediaDeliveryController } from './serving/media-delivery.controller';
import { MediaUrls } from './serving/media-urls';
import { UrlSigner } from './serving/url-signer';
import { VariantDeliveryService } from './serving/variant-delivery.service';
import { mediaStorageProvider } from './storage/media-storage.providers';
import { UploadService } from './upload/upload.service';
import { MediaUsage } from './usage/media-usage';
import { variantProviders } from './variants/variants.providers';

/** The media library: uploads, metadata, folders, bulk changes, quotas, and serving originals. */
@Module({
  controllers: [
    AssetsController,
    UrlImportController,
    ResumableUploadsController,
    FoldersController,
    MediaDeliveryController,
  ],
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
    UrlImportService,
    ResumableUploads,
    ResumableUploadCleanupJob,
    MediaUsage,
    UrlSigner,
    MediaUrls,
    FileServing,
    AssetDeliveryService,
    VariantDeliveryService,
  ],
  exports: [AssetStore, MediaUrls],
})
export class MediaModule {}
