import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** How long a policy keeps rows, resolved from the installation's options. */
export class RetentionKeepResponse {
  @ApiProperty({ enum: ['fixed', 'setting', 'plan'] }) kind!: 'fixed' | 'setting' | 'plan';
  @ApiPropertyOptional({ description: 'Days, for fixed and setting durations' }) days?: number;
  @ApiPropertyOptional({ description: 'The option read, `<plugin>.<option>`' }) option?: string;
  @ApiPropertyOptional({
    description: 'Days per workspace plan, with `default` for plans not listed',
    example: { default: 14, scale: 60 },
  })
  byPlan?: Record<string, number>;
}

export class RetentionPolicyResponse {
  @ApiProperty({ example: 'identity.expired-sessions' }) name!: string;
  @ApiProperty({ example: 'identity' }) plugin!: string;
  @ApiProperty({ example: 'identity_sessions' }) table!: string;
  @ApiProperty({ example: 'expires_at' }) ageColumn!: string;
  @ApiProperty({ enum: ['delete', 'anonymize'] }) action!: 'delete' | 'anonymize';
  @ApiProperty({ type: RetentionKeepResponse }) keep!: RetentionKeepResponse;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Whether legal holds on a workspace can spare its rows' }) holdsByWorkspace!: boolean;
  @ApiProperty({ description: 'Whether legal holds on a user can spare their rows' }) holdsByUser!: boolean;
}

export class RetentionPolicyListResponse {
  @ApiProperty({ type: [RetentionPolicyResponse] }) data!: RetentionPolicyResponse[];
}
