import { Module } from '@nestjs/common';
import { RevisionRecorder } from '../entries/revision-recorder';
import { ContentSharedModule } from '../shared/content-shared.module';
import { ContentSchemaService } from '../types/content-schema.service';
import { ContentTypeService } from '../types/content-type.service';
import { ContentTypeStore } from '../types/content-type-store';
import { SchemaChangeService } from '../types/schema-change.service';
import { ContentExportService } from './content-export.service';
import { ContentImportService } from './content-import.service';
import { SchemaTransfer } from './schema-transfer';
import { TransferController } from './transfer.controller';

/**
 * Import and export of a workspace's content types and entries. The content-types services are stateless; until
 * ContentTypesModule exports ContentSchemaService they are provided here too.
 */
@Module({
  imports: [ContentSharedModule],
  controllers: [TransferController],
  providers: [
    RevisionRecorder,
    ContentSchemaService,
    ContentTypeService,
    ContentTypeStore,
    SchemaChangeService,
    SchemaTransfer,
    ContentExportService,
    ContentImportService,
  ],
})
export class TransferModule {}
