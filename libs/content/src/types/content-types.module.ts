import { Module } from '@nestjs/common';
import { RevisionRecorder } from '../entries/revision-recorder';
import { ContentSharedModule } from '../shared/content-shared.module';
import { ContentSchemaController } from './content-schema.controller';
import { ContentSchemaService } from './content-schema.service';
import { ContentTypeService } from './content-type.service';
import { ContentTypeStore } from './content-type-store';
import { ContentTypesController } from './content-types.controller';
import { SchemaChangeService } from './schema-change.service';

/** Content types: definition, schema changes, versions, snapshots. */
@Module({
  imports: [ContentSharedModule],
  controllers: [ContentTypesController, ContentSchemaController],
  // RevisionRecorder is stateless: its own instance here records the revisions of entries a schema change rewrites.
  providers: [RevisionRecorder, SchemaChangeService, ContentTypeStore, ContentTypeService, ContentSchemaService],
  exports: [ContentTypeService],
})
export class ContentTypesModule {}
