import { QuireError } from '@quire/core';

/** No incident with this id (installation-wide). */
export class IncidentNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'compliance.incident-not-found',
      status: 404,
      title: 'Incident not found',
      detail: `No incident ${id}.`,
    });
  }
}

/** Closing an incident that is closed already. */
export class IncidentClosedError extends QuireError {
  constructor(id: string) {
    super({
      code: 'compliance.incident-closed',
      status: 409,
      title: 'Incident already closed',
      detail: `Incident ${id} is closed already; its rows follow normal retention.`,
    });
  }
}
