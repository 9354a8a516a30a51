import { ContentCommentMention } from './comments/content-comment-mention.entity';
import { ContentEntryComment } from './comments/content-entry-comment.entity';
import { ContentChangeAuthor } from './entities/content-change-author.entity';
import { ContentEntryAssignment } from './entities/content-entry-assignment.entity';
import { ContentPublication } from './entities/content-publication.entity';
import { ContentWorkflowApproval } from './entities/content-workflow-approval.entity';
import { ContentWorkflowState } from './entities/content-workflow-state.entity';
import { ContentWorkflowType } from './entities/content-workflow-type.entity';
import { ContentWorkflow } from './entities/content-workflow.entity';
import { ContentEntryLabel } from './labels/content-entry-label.entity';
import { ContentLabel } from './labels/content-label.entity';

/** The tables of the editorial workflow (migrations 1764400000060–080), for the plugin's `entities`. */
export const workflowEntities = [
  ContentWorkflow,
  ContentWorkflowType,
  ContentWorkflowState,
  ContentWorkflowApproval,
  ContentEntryAssignment,
  ContentChangeAuthor,
  ContentPublication,
  ContentLabel,
  ContentEntryLabel,
  ContentEntryComment,
  ContentCommentMention,
];
