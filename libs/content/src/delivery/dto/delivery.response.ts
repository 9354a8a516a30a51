import { ApiProperty, ApiPropertyOptional, ApiExtraModels } from '@nestjs/swagger';

/**
 * A published entry as delivery serves it: these members, then the type's non-private fields by name (rich text
 * as `{ json, html }`; relations and media as ids, or objects when populated; components only when populated).
 */
export class DeliveredEntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'en', description: 'The locale served: the one asked for, or a fallback of it' })
  locale!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) firstPublishedAt!: string | null;
  [field: string]: unknown;
}

export class DeliveryPageMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'Entries matching the filters and q' }) total!: number;
  @ApiProperty() pageCount!: number;
}

@ApiExtraModels(DeliveredEntryResponse)
export class DeliveryListResponse {
  @ApiProperty({ type: [DeliveredEntryResponse] }) data!: DeliveredEntryResponse[];
  @ApiProperty({ type: DeliveryPageMeta }) meta!: DeliveryPageMeta;
}

export class DeliveryEntryResponse {
  @ApiProperty({ type: DeliveredEntryResponse }) data!: DeliveredEntryResponse;
}
