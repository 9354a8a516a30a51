import { Injectable } from '@nestjs/common';
import { TenantDataSource, uuidv7, type RequestContext } from '@quire/core';
import { actorUserId } from '../../entries/entry-store';
import { LocaleWorkflowReader } from '../entry-workflow/locale-workflow';
import { PublishStageRequiredError, StageOutdatedError } from '../workflow.errors';
import { evidenceOf, type PublicationEvidence } from './publication-evidence';

/**
 * The workflow's say in publishing, called by every publish path (a member's publish, the scheduled publishing
 * job, releases, and the release check): when the entry's type has a workflow with a publish stage, the locale must
 * be in it, with values unchanged since it entered it. Every publish then keeps its evidence in
 * content_publications, in the publish's transaction.
 */
@Injectable()
export class PublishGate {
  constructor(
    private readonly db: TenantDataSource,
    private readonly reader: LocaleWorkflowReader,
  ) {}

  /** Throws the problem that refuses publishing the locale now; answers the evidence to record with the publish. */
  async check(
    ctx: RequestContext,
    entry: { id: string; contentTypeId: string },
    locale: string,
  ): Promise<PublicationEvidence> {
    const view = await this.reader.read(ctx, entry, locale);
    const publishStage = view.workflow?.publishStage ?? null;
    if (publishStage !== null && view.stage !== null) {
      if (view.stage.key !== publishStage) throw new PublishStageRequiredError(locale, view.stage.key, publishStage);
      const enteredRevision = view.state?.enteredRevision ?? 0;
      if (view.contentRevision > enteredRevision) {
        throw new StageOutdatedError(locale, view.stage.key, enteredRevision, view.contentRevision);
      }
    }
    return evidenceOf(view);
  }

  /** Keeps the publication of `revision` with its evidence. */
  async record(
    tx: RequestContext,
    entryId: string,
    locale: string,
    revision: number,
    evidence: PublicationEvidence,
  ): Promise<void> {
    await this.db.manager(tx).query(
      `INSERT INTO content_publications
         (id, workspace_id, entry_id, locale, revision, published_by, actor_type, actor_id, evidence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        uuidv7(),
        tx.workspaceId,
        entryId,
        locale,
        revision,
        actorUserId(tx),
        tx.actor.type,
        tx.actor.id,
        JSON.stringify(evidence),
      ],
    );
  }
}
