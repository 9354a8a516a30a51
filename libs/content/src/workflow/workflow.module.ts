import { Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module';
import { CommentsModule } from './comments/comments.module';
import { EntryWorkflowController } from './entry-workflow/entry-workflow.controller';
import { EntryWorkflowService } from './entry-workflow/entry-workflow.service';
import { LabelsModule } from './labels/labels.module';
import { MembersModule } from './members/members.module';
import { WorkflowCoreModule } from './workflow-core.module';
import { WorkflowService } from './workflow.service';
import { WorkflowsController } from './workflows.controller';

/**
 * The editorial workflow (docs/content/workflow.md): workflows, entry locales' stages, approvals and assignments,
 * the publication history, labels and comments. The publish gate itself lives in WorkflowCoreModule, which the
 * entries module imports.
 */
@Module({
  imports: [EntriesModule, WorkflowCoreModule, MembersModule, LabelsModule, CommentsModule],
  controllers: [WorkflowsController, EntryWorkflowController],
  providers: [WorkflowService, EntryWorkflowService],
})
export class WorkflowModule {}
