import { Module } from '@nestjs/common';
import { ContentTypeLookup } from './content-type-lookup';

/** Providers every part of the content plugin uses. */
@Module({ providers: [ContentTypeLookup], exports: [ContentTypeLookup] })
export class ContentSharedModule {}
