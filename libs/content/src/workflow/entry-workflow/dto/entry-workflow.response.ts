import { ApiProperty } from '@nestjs/swagger';

export class EntryWorkflowSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Editorial review' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'approved' }) publishStage!: string | null;
  @ApiProperty() fourEyes!: boolean;
}

export class EntryStageResponse {
  @ApiProperty({ example: 'review' }) key!: string;
  @ApiProperty({ example: 'In review' }) name!: string;
  @ApiProperty({ type: String, nullable: true }) color!: string | null;
  @ApiProperty({ example: 1 }) requiredApprovals!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: never moved (first stage)' })
  enteredAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) enteredBy!: string | null;
  @ApiProperty({ description: 'Entry revision when the stage was entered' }) enteredRevision!: number;
}

export class ApprovalResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) approverId!: string | null;
  @ApiProperty({ example: 'review' }) stage!: string;
  @ApiProperty({ description: 'The entry revision the reviewer saw' }) revision!: number;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'Given on the current values (they have not changed since)' }) fresh!: boolean;
  @ApiProperty({ description: 'Fresh and given in the current visit of the stage: it counts towards leaving it' })
  current!: boolean;
}

export class AvailableTransitionResponse {
  @ApiProperty({ example: 'approved' }) to!: string;
  @ApiProperty({ example: 'Approved' }) name!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ description: "The caller's role may make it (approvals are checked when it is made)" })
  allowed!: boolean;
}

export class EntryWorkflowResponse {
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty({ example: 'en' }) locale!: string;
  @ApiProperty({
    type: EntryWorkflowSummary,
    nullable: true,
    description: "null: no workflow governs the entry's type",
  })
  workflow!: EntryWorkflowSummary | null;
  @ApiProperty({ type: EntryStageResponse, nullable: true }) stage!: EntryStageResponse | null;
  @ApiProperty({ description: "The last revision that changed the locale's values (its own or shared ones)" })
  contentRevision!: number;
  @ApiProperty({ description: 'The revision it was last published at (0: never)' }) lastPublishedRevision!: number;
  @ApiProperty({ type: [String], description: 'Members who changed the values since the last publish' })
  authors!: string[];
  @ApiProperty({ type: [ApprovalResponse], description: 'Approvals since the last publish' })
  approvals!: ApprovalResponse[];
  @ApiProperty({ description: 'Distinct members whose approval counts now' }) currentApprovals!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty({ type: [String] }) reviewerIds!: string[];
  @ApiProperty({ type: [AvailableTransitionResponse], description: 'Transitions out of the current stage' })
  transitions!: AvailableTransitionResponse[];
  @ApiProperty({ description: 'Publishing the locale would pass the workflow (stage and values) now' })
  publishable!: boolean;
}

export class PublicationActorResponse {
  @ApiProperty({ example: 'user', description: 'user, api-key or system (a scheduled job)' }) type!: string;
  @ApiProperty({ type: String, nullable: true }) id!: string | null;
}

export class PublicationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The revision published' }) revision!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) publishedBy!: string | null;
  @ApiProperty({ type: PublicationActorResponse }) actor!: PublicationActorResponse;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'What the workflow said at the publish: workflow, stage (entered when, by whom, at which revision), ' +
      'publishStage, fourEyes, contentRevision, previousPublishedRevision, authors, approvals (approverId, stage, ' +
      'revision, at, note, onPublishedValues), approvedByAuthors, assigneeId, reviewerIds',
  })
  evidence!: Record<string, unknown>;
}

export class PublicationListResponse {
  @ApiProperty({ type: [PublicationResponse], description: 'Latest first' }) items!: PublicationResponse[];
}
