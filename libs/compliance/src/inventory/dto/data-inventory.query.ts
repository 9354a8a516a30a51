import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const DATA_INVENTORY_FORMATS = ['json', 'markdown'] as const;
export type DataInventoryFormat = (typeof DATA_INVENTORY_FORMATS)[number];

export class DataInventoryQuery {
  @ApiPropertyOptional({
    enum: DATA_INVENTORY_FORMATS,
    description:
      'json (the default), or markdown: a record of processing activities (GDPR art. 30). ' +
      '`Accept: text/markdown` asks for markdown too.',
  })
  @IsOptional()
  @IsIn(DATA_INVENTORY_FORMATS)
  format?: DataInventoryFormat;
}
