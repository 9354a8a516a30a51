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
});
