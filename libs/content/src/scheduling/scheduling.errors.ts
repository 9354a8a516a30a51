import { QuireError } from '@quire/core';

/** A schedule that does not exist, or is not of this entry and locale: one answer. */
export class ScheduleNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'content.schedule-not-found',
      status: 404,
      title: 'Schedule not found',
      detail: `No schedule ${id} for this entry and locale.`,
    });
  }
}

/** One pending schedule per entry, locale and action: cancel the pending one to choose another time. */
export class ScheduleExistsError extends QuireError {
  constructor(action: string, locale: string, existingId: string) {
    super({
      code: 'content.schedule-exists',
      status: 409,
      title: 'Schedule already pending',
      detail: `A ${action} of the "${locale}" version is already scheduled (${existingId}); cancel it first.`,
      extensions: { scheduleId: existingId },
    });
  }
}

/** Only pending schedules can be cancelled; done, failed and cancelled ones are the record of what happened. */
export class ScheduleNotPendingError extends QuireError {
  constructor(id: string, status: string) {
    super({
      code: 'content.schedule-not-pending',
      status: 409,
      title: 'Schedule not pending',
      detail: `Schedule ${id} is ${status}; only a pending schedule can be cancelled.`,
      extensions: { status },
    });
  }
}
