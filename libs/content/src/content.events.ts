/** Events of the content plugin; every write publishes one in its transaction (outbox). */
declare module '@quire/core' {
  interface QuireEvents {
    'content.type.created': { contentTypeId: string; apiId: string; kind: string; version: number };
    /** `changes` lists what changed (field added, renamed, removed, rules changed, options); `migrated` entries rewritten. */
    'content.type.updated': {
      contentTypeId: string;
      apiId: string;
      version: number;
      changes: Array<{ kind: string; field?: string }>;
      migrated: number;
    };
    'content.type.deleted': { contentTypeId: string; apiId: string };
    /** A schema snapshot was applied to this workspace. */
    'content.schema.applied': { created: string[]; updated: string[]; deleted: string[] };
    'content.entry.created': { entryId: string; contentType: string; locale: string; revision: number };
    /** `locale` null when only shared fields changed; `changed` lists changed field paths. */
    'content.entry.updated': {
      entryId: string;
      contentType: string;
      locale: string | null;
      revision: number;
      changed: string[];
    };
    /**
     * A deleted media asset was removed from the entry (docs/media/references.md): `fields` the paths that held it,
     * `publishedLocales` the published versions rewritten without it (what delivery serves changed), `revision` the
     * revision recording it.
     */
    'content.entry.media-removed': {
      entryId: string;
      contentType: string;
      assetId: string;
      revision: number;
      fields: string[];
      publishedLocales: string[];
    };
    'content.entry.published': { entryId: string; contentType: string; locale: string; revision: number };
    'content.entry.unpublished': { entryId: string; contentType: string; locale: string };
    /** A locale version was added; `from` is the locale its values were copied from (null: started empty). */
    'content.entry.translated': { entryId: string; contentType: string; from: string | null; locale: string };
    'content.entry.revision-restored': { entryId: string; contentType: string; restoredFrom: number; revision: number };
    /** Moved to trash. */
    'content.entry.deleted': { entryId: string; contentType: string };
    /** Taken out of trash. */
    'content.entry.restored': { entryId: string; contentType: string };
    /** Deleted for good, by a member or by the trash purge (`purged`). */
    'content.entry.purged': { entryId: string; contentType: string; purged: boolean };
    /** A publish or unpublish of one locale was scheduled (`runAt` ISO 8601). */
    'content.entry.schedule-created': {
      scheduleId: string;
      entryId: string;
      contentType: string;
      locale: string;
      action: string;
      runAt: string;
    };
    'content.entry.schedule-cancelled': {
      scheduleId: string;
      entryId: string;
      contentType: string;
      locale: string;
      action: string;
    };
    /** The scheduled publishing job could not run it (`code` of the problem); `scheduledBy` the member who asked. */
    'content.entry.schedule-failed': {
      scheduleId: string;
      entryId: string;
      locale: string;
      action: string;
      scheduledBy: string | null;
      code: string;
    };
    'content.release.created': { releaseId: string; name: string };
    /** `scheduledAt` is the instant (ISO 8601); `timeZone` the IANA zone it was chosen in. */
    'content.release.scheduled': { releaseId: string; scheduledAt: string; timeZone: string };
    /** Every item ran, in one transaction. */
    'content.release.published': { releaseId: string; items: number };
    /** An item failed at run time: nothing was published; `failures` counts the reasons recorded on the release. */
    'content.release.failed': { releaseId: string; failures: number };
    'content.release.cancelled': { releaseId: string };
    /** A member took the soft lock of an entry (not sent for heartbeats). */
    'content.entry.locked': { entryId: string; contentType: string; holderId: string; expiresAt: string };
    /** A member took the lock over from another one who still held it. */
    'content.entry.lock-overridden': {
      entryId: string;
      contentType: string;
      holderId: string;
      previousHolderId: string;
      expiresAt: string;
    };
    /** The holder released the lock (expiry sends nothing: an expired lock is simply free). */
    'content.entry.unlocked': { entryId: string; contentType: string; holderId: string };
    'content.import.completed': { contentTypes: number; entries: number };
    /** Editorial workflow (docs/content/workflow.md). `reset`: entry locales put back in their first stage. */
    'content.workflow.created': {
      workflowId: string;
      name: string;
      contentTypes: string[];
      isDefault: boolean;
      reset: number;
    };
    'content.workflow.updated': {
      workflowId: string;
      name: string;
      contentTypes: string[];
      isDefault: boolean;
      reset: number;
    };
    'content.workflow.deleted': { workflowId: string; name: string };
    /** An entry locale moved between the stages of its workflow (by a member whose role the transition lists). */
    'content.entry.stage-changed': {
      entryId: string;
      contentType: string;
      locale: string;
      workflowId: string;
      from: string;
      to: string;
    };
    /** A member approved an entry locale in `stage`, as of entry revision `revision`. */
    'content.entry.approved': {
      entryId: string;
      contentType: string;
      locale: string;
      workflowId: string;
      stage: string;
      revision: number;
      approverId: string;
    };
    'content.entry.assignment-changed': {
      entryId: string;
      contentType: string;
      locale: string;
      assigneeId: string | null;
      reviewerIds: string[];
    };
    'content.label.created': { labelId: string; name: string };
    'content.label.updated': { labelId: string; name: string };
    /** Deleting a label detaches it from every entry (no event per entry). */
    'content.label.deleted': { labelId: string; name: string };
    'content.entry.labeled': { entryId: string; contentType: string; labelId: string };
    'content.entry.unlabeled': { entryId: string; contentType: string; labelId: string };
    /** Comment events carry ids, never the text; `locale` null for a comment on the whole entry. */
    'content.comment.created': {
      commentId: string;
      entryId: string;
      contentType: string;
      locale: string | null;
      mentions: string[];
    };
    'content.comment.updated': {
      commentId: string;
      entryId: string;
      contentType: string;
      locale: string | null;
      mentions: string[];
    };
    'content.comment.deleted': { commentId: string; entryId: string; contentType: string; locale: string | null };
  }
}

export {};
