import { Module } from '@nestjs/common';
import { MediaAssetCatalog } from '../media-references/media-asset-catalog';
import { ContentTypeLookup } from './content-type-lookup';

/** Providers every part of the content plugin uses. */
@Module({ providers: [ContentTypeLookup, MediaAssetCatalog], exports: [ContentTypeLookup, MediaAssetCatalog] })
export class ContentSharedModule {}
