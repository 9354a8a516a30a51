import { ApiProperty } from '@nestjs/swagger';

export class ContentStreamActorDto {
  @ApiProperty({ example: 'user', description: 'user, api-key or system' })
  type!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  id!: string | null;
}

/** The JSON of one message's `data:` line; the message's `id:` is `id` and its `event:` is `name`. */
export class ContentStreamEventDto {
  @ApiProperty({ format: 'uuid', description: 'The event id (also the SSE `id:`)' })
  id!: string;

  @ApiProperty({ example: 'content.entry.published', description: 'The event name (also the SSE `event:`)' })
  name!: string;

  @ApiProperty({ format: 'date-time', description: 'When the change was written' })
  occurredAt!: string;

  @ApiProperty({ type: ContentStreamActorDto })
  actor!: ContentStreamActorDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { entryId: '0193a3c4-5f6e-7a8b-9c0d-1e2f3a4b5c6d', contentType: 'post', locale: 'en', revision: 3 },
    description: 'As in the event catalogue (docs/content/realtime.md)',
  })
  payload!: Record<string, unknown>;
}
