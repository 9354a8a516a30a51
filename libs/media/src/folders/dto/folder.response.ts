import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MediaFolder } from '../../entities/media-folder.entity';

export class FolderPathItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class FolderResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null: at the root' })
  parentId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ type: [FolderPathItem], description: 'GET of one folder: its ancestors, root first' })
  path?: FolderPathItem[];
}

export class FolderListResponse {
  @ApiProperty({ type: [FolderResponse] }) data!: Array<Partial<FolderResponse>>;
  @ApiProperty({ example: { page: 1, pageSize: 50, total: 3, pageCount: 1 } })
  meta!: { page: number; pageSize: number; total: number; pageCount: number };
}

export function toFolderResponse(folder: MediaFolder): FolderResponse {
  return {
    id: folder.id,
    name: folder.name,
    parentId: folder.parentId,
    createdBy: folder.createdBy,
    createdAt: folder.createdAt.toISOString(),
    updatedAt: folder.updatedAt.toISOString(),
  };
}
