import { ApiProperty } from '@nestjs/swagger';
import { WORKSPACE_STATUSES, type Workspace, type WorkspaceStatus } from '../../entities/workspace.entity';

export class WorkspaceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The current slug (a request may name the workspace by a former one)' }) slug!: string;
  @ApiProperty({ type: String, nullable: true }) logoUrl!: string | null;
  @ApiProperty() defaultLocale!: string;
  @ApiProperty({ type: [String] }) enabledLocales!: string[];
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty({ example: 'free' }) plan!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) trialEndsAt!: string | null;
  @ApiProperty({ enum: WORKSPACE_STATUSES }) status!: WorkspaceStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'editor',
    description: "Your role here: a built-in role's name or a custom role's key; null for an API key",
  })
  role!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(workspace: Workspace, role: string | null): WorkspaceResponse {
    return {
      id: workspace.id,
      name: workspace.name,
      slug: workspace.slug,
      logoUrl: workspace.logoUrl,
      defaultLocale: workspace.defaultLocale,
      enabledLocales: workspace.enabledLocales,
      timeZone: workspace.timeZone,
      plan: workspace.plan,
      trialEndsAt: workspace.trialEndsAt?.toISOString() ?? null,
      status: workspace.status,
      role,
      createdAt: workspace.createdAt.toISOString(),
      updatedAt: workspace.updatedAt.toISOString(),
    };
  }
}
