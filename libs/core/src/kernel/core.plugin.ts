import { definePlugin } from '../plugin/define-plugin';
import { coreEntities, coreMigrations } from './core-schema';
import { QUIRE_VERSION } from './version';

/**
 * The kernel as the registry sees it: always loaded first, so plugins can require `core` with a version
 * range and the registry refuses a plugin built for another kernel.
 */
export const CorePlugin = definePlugin({
  name: 'core',
  version: QUIRE_VERSION,
  description: 'The Quire kernel: plugin registry, tenancy, permissions, events, jobs, errors, list queries',
  entities: coreEntities,
  migrations: coreMigrations,
  // Run by the compliance retention engine (when the compliance plugin is loaded); declared here, next to the tables.
  retention: [
    {
      name: 'core.dispatched-events',
      table: 'quire_outbox',
      ageColumn: 'dispatched_at',
      condition: 'dispatched_at IS NOT NULL',
      action: 'delete',
      keep: { days: 7 },
      workspaceColumn: 'workspace_id',
      description:
        'Outbox rows are removed 7 days after they were handed to the job queue (the audit log keeps the record)',
    },
    {
      name: 'core.job-runs',
      table: 'quire_job_runs',
      ageColumn: 'started_at',
      action: 'delete',
      keep: { days: 180 },
      description: 'Records of scheduled job runs are kept 180 days, like system logs',
    },
  ],
});
