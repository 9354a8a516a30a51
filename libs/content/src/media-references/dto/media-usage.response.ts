import { ApiProperty } from '@nestjs/swagger';

/** One place of an entry holding the asset. */
export class MediaUsagePlace {
  @ApiProperty({ example: 'blocks[0].image', description: 'Field path: `cover`, `gallery`, `blocks[0].image`' })
  fieldPath!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'en',
    description: 'The locale version; null for a shared field (one value for every locale)',
  })
  locale!: string | null;
  @ApiProperty({ description: 'The draft holds the asset there' }) draft!: boolean;
  @ApiProperty({
    description: 'The published version holds it there (for a shared field: the published version of any locale)',
  })
  published!: boolean;
}

export class MediaUsageItem {
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty({ example: 'blog-post', description: 'API id of the content type' }) contentType!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The first text field of the default locale's draft (or of the shared values), null when empty",
  })
  title!: string | null;
  @ApiProperty({ description: 'The entry is in the trash (deleting the asset removes it there too)' })
  inTrash!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: [MediaUsagePlace], description: 'Where the entry holds the asset, shared fields first' })
  places!: MediaUsagePlace[];
}

export class MediaUsagePageMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'Entries using the asset that the caller may read' }) total!: number;
  @ApiProperty() pageCount!: number;
}

export class MediaUsageListResponse {
  @ApiProperty({ type: [MediaUsageItem] }) data!: MediaUsageItem[];
  @ApiProperty({ type: MediaUsagePageMeta }) meta!: MediaUsagePageMeta;
}
