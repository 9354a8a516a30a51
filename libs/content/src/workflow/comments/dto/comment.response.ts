import { ApiProperty } from '@nestjs/swagger';
import type { ListQuerySpec } from '@quire/core';

export class CommentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'de', description: 'null: about the entry as a whole' })
  locale!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null once the account is erased' })
  authorId!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty({ type: [String], description: 'Mentioned members (user ids)' }) mentions!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last edit of the text' })
  editedAt!: string | null;
}

export class CommentListMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class CommentListResponse {
  @ApiProperty({ type: [CommentResponse] }) data!: CommentResponse[];
  @ApiProperty({ type: CommentListMeta }) meta!: CommentListMeta;
}

/** The comment list's language: oldest first by default; filter by locale, author or time. */
export const commentListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, sortable: true },
    locale: { type: 'string', column: 'locale', filterable: true, sortable: true },
    authorId: { type: 'uuid', column: 'authorId', filterable: true },
    createdAt: { type: 'datetime', column: 'createdAt', filterable: true, sortable: true },
  },
  defaultSort: 'createdAt',
  tieBreaker: 'id',
  defaultPageSize: 50,
  maxPageSize: 200,
};
