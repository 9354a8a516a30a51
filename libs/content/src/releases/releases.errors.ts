import { QuireError } from '@quire/core';
import type { ReleaseFailure } from './release-failure';

/** A release that does not exist in this workspace: one answer, whoever asks. */
export class ReleaseNotFoundError extends QuireError {
  constructor(id: string) {
    super({ code: 'content.release-not-found', status: 404, title: 'Release not found', detail: `No release ${id}.` });
  }
}

export class ReleaseItemNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'content.release-item-not-found',
      status: 404,
      title: 'Release item not found',
      detail: `No item ${id} in this release.`,
    });
  }
}

/** Done, failed and cancelled releases are the record of what happened: they no longer change. */
export class ReleaseNotOpenError extends QuireError {
  constructor(id: string, status: string) {
    super({
      code: 'content.release-not-open',
      status: 409,
      title: 'Release no longer open',
      detail: `Release ${id} is ${status}; only a pending or scheduled release can change or run.`,
      extensions: { status },
    });
  }
}

/** An entry locale is in a release once: one action for it. */
export class ReleaseItemExistsError extends QuireError {
  constructor(entryId: string, locale: string) {
    super({
      code: 'content.release-item-exists',
      status: 409,
      title: 'Entry locale already in the release',
      detail: `The "${locale}" version of entry ${entryId} is already in this release; remove it first.`,
    });
  }
}

/**
 * Items that would fail: the release is refused (scheduling, publishing now) with every reason. `errors` names each
 * as `items.<itemId>.<field>`; `failures` holds the entry, locale and field of each.
 */
export class ReleaseInvalidError extends QuireError {
  constructor(failures: ReleaseFailure[]) {
    super({
      code: 'content.release-invalid',
      status: 400,
      title: 'Release cannot be published',
      detail: `${failures.length} problem(s) in the release's items; see errors.`,
      errors: failures.map((f) => ({
        path: f.field === null ? `items.${f.itemId}` : `items.${f.itemId}.${f.field}`,
        message: f.message,
      })),
      extensions: { failures },
    });
  }
}
