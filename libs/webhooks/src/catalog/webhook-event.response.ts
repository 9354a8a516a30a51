import { ApiProperty } from '@nestjs/swagger';

export class WebhookEventResponse {
  @ApiProperty({ example: 'content.entry.published' }) name!: string;
  @ApiProperty({ example: 'A locale of an entry was published (entryId, contentType, locale, revision)' })
  description!: string;
  @ApiProperty({ example: 'content', description: 'The plugin that offers it' }) plugin!: string;
}

export class WebhookEventListResponse {
  @ApiProperty({ type: [WebhookEventResponse] }) data!: WebhookEventResponse[];
}
