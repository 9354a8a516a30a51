import { ApiProperty } from '@nestjs/swagger';
import { WORKSPACE_STATUSES, type Workspace, type WorkspaceStatus } from '../../entities/workspace.entity';

/** A workspace as platform administrators see it: what it is and its state, none of its content. */
export class AdminWorkspaceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ enum: WORKSPACE_STATUSES }) status!: WorkspaceStatus;
  @ApiProperty({ example: 'free' }) plan!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AdminWorkspaceListMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class AdminWorkspaceListResponse {
  @ApiProperty({ type: [AdminWorkspaceResponse], description: 'Only the requested `fields`, when given' })
  data!: Array<Partial<AdminWorkspaceResponse>>;
  @ApiProperty({ type: AdminWorkspaceListMeta }) meta!: AdminWorkspaceListMeta;
}

export function toAdminWorkspaceResponse(workspace: Workspace): AdminWorkspaceResponse {
  return {
    id: workspace.id,
    name: workspace.name,
    slug: workspace.slug,
    status: workspace.status,
    plan: workspace.plan,
    closedAt: workspace.closedAt?.toISOString() ?? null,
    createdAt: workspace.createdAt.toISOString(),
  };
}
