import { ApiProperty } from '@nestjs/swagger';
import type { WorkflowRecord } from '../workflow-store';

export class WorkflowStageResponse {
  @ApiProperty({ example: 'review' }) key!: string;
  @ApiProperty({ example: 'In review' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: '#f59e0b' }) color!: string | null;
  @ApiProperty({ example: 1 }) requiredApprovals!: number;
  @ApiProperty({ type: [String], nullable: true, example: ['reviewer'] }) approverRoles!: string[] | null;
  @ApiProperty() requireAssignedReviewers!: boolean;
}

export class WorkflowTransitionResponse {
  @ApiProperty({ example: 'draft' }) from!: string;
  @ApiProperty({ example: 'review' }) to!: string;
  @ApiProperty({ type: [String], example: ['author', 'editor'] }) roles!: string[];
}

export class WorkflowResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Editorial review' }) name!: string;
  @ApiProperty({ type: [WorkflowStageResponse] }) stages!: WorkflowStageResponse[];
  @ApiProperty({ type: [WorkflowTransitionResponse] }) transitions!: WorkflowTransitionResponse[];
  @ApiProperty({ type: String, nullable: true, example: 'approved' }) publishStage!: string | null;
  @ApiProperty() fourEyes!: boolean;
  @ApiProperty() isDefault!: boolean;
  @ApiProperty({ type: [String], example: ['article'], description: 'API ids of the types it names' })
  contentTypes!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) updatedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class WorkflowListResponse {
  @ApiProperty({ type: [WorkflowResponse] }) items!: WorkflowResponse[];
}

export function toWorkflowResponse(record: WorkflowRecord): WorkflowResponse {
  return {
    id: record.id,
    name: record.name,
    stages: record.stages.map((stage) => ({ ...stage })),
    transitions: record.transitions.map((transition) => ({ ...transition, roles: [...transition.roles] })),
    publishStage: record.publishStage,
    fourEyes: record.fourEyes,
    isDefault: record.isDefault,
    contentTypes: record.contentTypes.map((type) => type.apiId),
    createdBy: record.createdBy,
    updatedBy: record.updatedBy,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
