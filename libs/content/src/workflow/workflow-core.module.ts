import { Module } from '@nestjs/common';
import { AssignmentStore } from './entry-workflow/assignment-store';
import { ChangeHistory } from './entry-workflow/change-history';
import { LocaleWorkflowReader } from './entry-workflow/locale-workflow';
import { StageStore } from './entry-workflow/stage-store';
import { PublishGate } from './publishing/publish-gate';
import { WorkflowStore } from './workflow-store';

/**
 * The workflow's data access and its publishing gate, on the kernel's data source alone: the entries module (every
 * publish) and releases (their check) import it, the workflow API builds on it. It depends on no other content
 * module, so nothing imports in a circle.
 */
@Module({
  providers: [WorkflowStore, StageStore, ChangeHistory, AssignmentStore, LocaleWorkflowReader, PublishGate],
  exports: [WorkflowStore, StageStore, ChangeHistory, AssignmentStore, LocaleWorkflowReader, PublishGate],
})
export class WorkflowCoreModule {}
