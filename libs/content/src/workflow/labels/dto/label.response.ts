import { ApiProperty } from '@nestjs/swagger';

export class LabelResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Legal review' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: '#2563eb' }) color!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class LabelListResponse {
  @ApiProperty({ type: [LabelResponse], description: 'By name' }) items!: LabelResponse[];
}

/** A row of content_labels as SQL returns it. */
export interface LabelRow {
  id: string;
  name: string;
  color: string | null;
  created_at: Date;
  updated_at: Date;
}

export const LABEL_COLUMNS = 'id, name, color, created_at, updated_at';

export function toLabelResponse(row: LabelRow): LabelResponse {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
