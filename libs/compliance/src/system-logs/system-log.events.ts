import type { IncidentFilter } from './entities/incident.entity';

declare module '@quire/core' {
  interface QuireEvents {
    /** A platform administrator flagged system-log rows for incident response: kept past their retention. */
    'compliance.incident.opened': {
      incidentId: string;
      reason: string;
      from: string;
      until: string;
      filter: IncidentFilter;
      flaggedRows: number;
    };
    /** The incident's rows are released to normal retention (or handed to another open incident covering them). */
    'compliance.incident.closed': { incidentId: string; reason: string; releasedRows: number; handedOverRows: number };
  }
}

export {};
