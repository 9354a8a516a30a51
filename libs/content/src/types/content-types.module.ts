import { Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module';
import { ContentSharedModule } from '../shared/content-shared.module';
import { ContentSchemaController } from './content-schema.controller';
import { ContentSchemaService } from './content-schema.service';
import { ContentTypeService } from './content-type.service';
import { ContentTypeStore } from './content-type-store';
import { ContentTypesController } from './content-types.controller';
import { SchemaChangeService } from './schema-change.service';

/** Content types: definition, schema changes, versions, snapshots. */
@Module({
  // EntriesModule: RevisionRecorder records the revisions of entries a schema change rewrites.
  imports: [ContentSharedModule, EntriesModule],
  controllers: [ContentTypesController, ContentSchemaController],
  providers: [SchemaChangeService, ContentTypeStore, ContentTypeService, ContentSchemaService],
  exports: [ContentTypeService, ContentSchemaService],
})
export class ContentTypesModule {}
