import { Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module';
import { ContentSharedModule } from '../shared/content-shared.module';
import { ContentTypesModule } from '../types/content-types.module';
import { ContentExportService } from './content-export.service';
import { ContentImportService } from './content-import.service';
import { SchemaTransfer } from './schema-transfer';
import { TransferController } from './transfer.controller';

/** Import and export of a workspace's content types (through the schema snapshot) and entries. */
@Module({
  imports: [ContentSharedModule, EntriesModule, ContentTypesModule],
  controllers: [TransferController],
  providers: [SchemaTransfer, ContentExportService, ContentImportService],
})
export class TransferModule {}
