import { ApiProperty } from '@nestjs/swagger';

export class TrashItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'blog-post', description: 'API id of the content type' }) contentType!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The first text field of the default locale's draft (or of the shared values), null when empty",
  })
  title!: string | null;
  @ApiProperty({ format: 'date-time' }) deletedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who moved it to the trash' })
  deletedById!: string | null;
  @ApiProperty({ format: 'date-time', description: "When the purge job erases it: deletedAt + the plan's trash days" })
  purgeAt!: string;
}

export class TrashPageMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class TrashListResponse {
  @ApiProperty({ type: [TrashItemResponse] }) data!: Partial<TrashItemResponse>[];
  @ApiProperty({ type: TrashPageMeta }) meta!: TrashPageMeta;
}

export class DetachedReference {
  @ApiProperty({ description: 'Field path in the restored entry' }) field!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Locale of a localized field, null for a shared one' })
  locale!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The entry it linked to, erased since' }) targetId!: string;
}

export class RestoredEntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'blog-post' }) contentType!: string;
  @ApiProperty({ description: 'Number of the latest revision' }) revision!: number;
  @ApiProperty({
    type: [DetachedReference],
    description: 'Links to entries erased while this one was in the trash, removed from its draft on restore',
  })
  detached!: DetachedReference[];
}
