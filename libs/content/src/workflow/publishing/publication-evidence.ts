import type { LocaleWorkflow } from '../entry-workflow/locale-workflow';

/** An approval as a publication keeps it. */
export interface EvidenceApproval {
  approverId: string | null;
  stage: string;
  /** The entry revision the reviewer saw. */
  revision: number;
  at: string;
  note: string | null;
  /** Given on the published values (no change of them after it). */
  onPublishedValues: boolean;
}

/**
 * What the workflow said when an entry locale was published, kept with the publication: the stage and how it was
 * entered, every approval since the previous publish, who changed the values, the assignment and the rules applied.
 */
export interface PublicationEvidence {
  workflow: { id: string; name: string } | null;
  stage: {
    key: string;
    name: string;
    enteredAt: string | null;
    enteredBy: string | null;
    enteredRevision: number;
  } | null;
  /** The stage publishing needed (null: not gated). */
  publishStage: string | null;
  fourEyes: boolean;
  /** The last revision that changed the published values. */
  contentRevision: number;
  /** The revision of the previous publish (0: first publish). */
  previousPublishedRevision: number;
  /** Members who changed the values since the previous publish. */
  authors: string[];
  approvals: EvidenceApproval[];
  /** Approvers of the published values who are also authors of them (always empty under four-eyes). */
  approvedByAuthors: string[];
  assigneeId: string | null;
  reviewerIds: string[];
}

export function evidenceOf(view: LocaleWorkflow): PublicationEvidence {
  const approvals = view.approvals.map((approval) => ({
    approverId: approval.approverId,
    stage: approval.stage,
    revision: approval.revision,
    at: approval.createdAt.toISOString(),
    note: approval.note,
    onPublishedValues: approval.fresh,
  }));
  const authors = new Set(view.authors);
  return {
    workflow: view.workflow ? { id: view.workflow.id, name: view.workflow.name } : null,
    stage: view.stage
      ? {
          key: view.stage.key,
          name: view.stage.name,
          enteredAt: view.state?.enteredAt.toISOString() ?? null,
          enteredBy: view.state?.enteredBy ?? null,
          enteredRevision: view.state?.enteredRevision ?? 0,
        }
      : null,
    publishStage: view.workflow?.publishStage ?? null,
    fourEyes: view.workflow?.fourEyes ?? false,
    contentRevision: view.contentRevision,
    previousPublishedRevision: view.lastPublishedRevision,
    authors: view.authors,
    approvals,
    approvedByAuthors: [
      ...new Set(
        approvals
          .filter((a) => a.onPublishedValues && a.approverId !== null && authors.has(a.approverId))
          .map((a) => a.approverId!),
      ),
    ],
    assigneeId: view.assignment.assigneeId,
    reviewerIds: view.assignment.reviewerIds,
  };
}
