import { ApiProperty } from '@nestjs/swagger';

export class ActiveWorkspaceRefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'acme', description: 'Its current slug' }) slug!: string;
}

/** The workspace and team this session works in; each null when none, or when the user is no longer in it. */
export class ActiveWorkspaceResponse {
  @ApiProperty({ type: ActiveWorkspaceRefResponse, nullable: true })
  activeWorkspace!: ActiveWorkspaceRefResponse | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) activeTeamId!: string | null;
}
