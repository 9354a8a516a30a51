import { CoreInit1763800000000 } from '../database/migrations/1763800000000-core-init';
import { OutboxEvent } from '../events/entities/outbox-event.entity';
import { JobRun } from '../jobs/entities/job-run.entity';

/** Tables the kernel itself owns. */
export const coreEntities = [OutboxEvent, JobRun];
export const coreMigrations = [CoreInit1763800000000];
