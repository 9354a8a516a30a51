import { definePlugin } from '@quire/core';
import { contentDataInventory } from './content.data-inventory';
import { ContentPreviewToken } from './preview/content-preview-token.entity';
import { ContentModule } from './content.module';
import { contentOptionsDefaults, contentOptionsSchema, type ContentOptions } from './content.options';
import { contentPermissions } from './content.permissions';
import { contentRetention } from './content.retention';
import { contentSettings } from './content.settings';
import { ContentDeliveryGeneration } from './entities/content-delivery-generation.entity';
import { ContentEntryLocale } from './entities/content-entry-locale.entity';
import { ContentEntry } from './entities/content-entry.entity';
import { ContentReference } from './entities/content-reference.entity';
import { ContentRevision } from './entities/content-revision.entity';
import { ContentTypeVersion } from './entities/content-type-version.entity';
import { ContentType } from './entities/content-type.entity';
import { ContentInit1764300000000 } from './migrations/1764300000000-content-init';
import { ContentEntryListIndexes1764300000070 } from './migrations/1764300000070-content-entry-list-indexes';
import { ContentEntryLocks1764400000010 } from './migrations/1764400000010-content-entry-locks';
import { ContentEntryLock } from './locks/content-entry-lock.entity';
import { ContentPreviewTokens1764400000020 } from './migrations/1764400000020-content-preview-tokens';
import { ContentRealtime1764400000040 } from './migrations/1764400000040-content-realtime';
import { ContentSchedule } from './scheduling/content-schedule.entity';
import { ContentSchedules1764400000030 } from './migrations/1764400000030-content-schedules';
import { SCHEDULED_PUBLISHING_JOB, ScheduledPublishingJob } from './scheduling/scheduled-publishing.job';
import { ContentReleaseItem } from './releases/content-release-item.entity';
import { ContentRelease } from './releases/content-release.entity';
import { RELEASE_PUBLISHING_JOB, ReleasePublishingJob } from './releases/release-publishing.job';
import { ContentReleases1764400000050 } from './migrations/1764400000050-content-releases';
import { seedContentDemo } from './content.demo-seed';
import { ContentWorkflows1764400000060 } from './migrations/1764400000060-content-workflows';
import { ContentLabels1764400000070 } from './migrations/1764400000070-content-labels';
import { ContentComments1764400000080 } from './migrations/1764400000080-content-comments';
import { workflowEntities } from './workflow/workflow.entities';
import { contentPublicEvents } from './content.public-events';

export const CONTENT_PLUGIN = 'content';

/** Content types defined at run time, entries per locale with drafts, revisions and trash, and the delivery API. */
export const ContentPlugin = definePlugin<ContentOptions>({
  name: CONTENT_PLUGIN,
  version: '0.1.0',
  description: 'Content types, entries, revisions, locales, trash and the delivery API',
  // identity: comment mentions are mailed through its mail queue.
  requires: { core: '^0.1.0', identity: '^0.1.0', workspaces: '^0.1.0' },
  options: { schema: contentOptionsSchema, defaults: contentOptionsDefaults },
  module: ContentModule,
  entities: [
    ContentType,
    ContentTypeVersion,
    ContentEntry,
    ContentEntryLocale,
    ContentRevision,
    ContentReference,
    ContentDeliveryGeneration,
    ContentEntryLock,
    ContentSchedule,
    ContentPreviewToken,
    ContentRelease,
    ContentReleaseItem,
    ...workflowEntities,
  ],
  migrations: [
    ContentInit1764300000000,
    ContentEntryListIndexes1764300000070,
    ContentEntryLocks1764400000010,
    ContentSchedules1764400000030,
    ContentPreviewTokens1764400000020,
    ContentRealtime1764400000040,
    ContentReleases1764400000050,
    ContentWorkflows1764400000060,
    ContentLabels1764400000070,
    ContentComments1764400000080,
  ],
  permissions: contentPermissions,
  dataInventory: contentDataInventory,
  retention: contentRetention,
  jobs: [
    {
      name: SCHEDULED_PUBLISHING_JOB,
      // Every 30 seconds: a schedule runs at most half a minute after its time.
      cron: '*/30 * * * * *',
      run: ScheduledPublishingJob,
      description: 'Publishes and unpublishes entry locales whose scheduled time has come',
    },
    {
      name: RELEASE_PUBLISHING_JOB,
      // Every 30 seconds, like single schedules: a release runs at most half a minute after its time.
      cron: '*/30 * * * * *',
      run: ReleasePublishingJob,
      description: 'Runs the content releases whose scheduled time has come, each all or nothing',
    },
  ],
  publicEvents: contentPublicEvents,
  settings: contentSettings,
  hooks: { onSeedDemo: seedContentDemo },
  admin: {
    nav: [
      { id: 'content', label: 'Content', icon: 'article', route: 'content', requires: ['read', 'Entry'] },
      {
        id: 'content-types',
        label: 'Content types',
        icon: 'schema',
        route: 'content-types',
        requires: ['update', 'ContentType'],
      },
      { id: 'workflows', label: 'Workflows', icon: 'account_tree', route: 'workflows', requires: ['read', 'Workflow'] },
      { id: 'releases', label: 'Releases', icon: 'publish', route: 'releases', requires: ['publish', 'Entry'] },
      { id: 'trash', label: 'Trash', icon: 'delete', route: 'trash', requires: ['read', 'Entry'] },
    ],
    settingsForm: 'from-schema',
  },
});
