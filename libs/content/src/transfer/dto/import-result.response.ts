import { ApiProperty } from '@nestjs/swagger';

export class ImportedSchemaResponse {
  @ApiProperty({ type: [String], example: ['author'], description: 'Types the snapshot created' }) created!: string[];
  @ApiProperty({ type: [String], example: ['post'], description: 'Types the snapshot changed' }) updated!: string[];
}

export class ImportedEntriesResponse {
  @ApiProperty({ description: 'Entries that did not exist here' }) created!: number;
  @ApiProperty({ description: 'Entries of this workspace overwritten by id (taken out of the trash if there)' })
  updated!: number;
}

export class ImportResultResponse {
  @ApiProperty({ description: 'True when nothing was written: the result says what the import would do' })
  dryRun!: boolean;
  @ApiProperty({ type: ImportedSchemaResponse }) schema!: ImportedSchemaResponse;
  @ApiProperty({ type: ImportedEntriesResponse }) entries!: ImportedEntriesResponse;
}
