import { ApiProperty } from '@nestjs/swagger';

export class DetachedFrom {
  @ApiProperty({ format: 'uuid', description: 'The entry that linked to the trashed one' }) entryId!: string;
  @ApiProperty({ example: 'blog-post' }) contentType!: string;
  @ApiProperty({ type: [String], description: 'Its fields the link was removed from (onDelete: detach)' })
  fields!: string[];
  @ApiProperty({ description: 'The revision recording the removal (kind reference-removed)' }) revision!: number;
}

export class MovedToTrashResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'blog-post' }) contentType!: string;
  @ApiProperty({ format: 'date-time' }) deletedAt!: string;
  @ApiProperty({ format: 'date-time', description: "When the purge job erases it: deletedAt + the plan's trash days" })
  purgeAt!: string;
  @ApiProperty({ type: [DetachedFrom], description: 'Entries whose links to this one were removed' })
  detachedFrom!: DetachedFrom[];
}
