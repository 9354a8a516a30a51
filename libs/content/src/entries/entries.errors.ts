import { QuireError, type FieldProblem } from '@quire/core';

/** An entry that does not exist, is in the trash, belongs to another workspace or may not be read: one answer. */
export class EntryNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'content.entry-not-found',
      status: 404,
      title: 'Entry not found',
      detail: `No entry ${id} in this workspace.`,
    });
  }
}

/** The entry exists but has no row for the locale asked for (create it as a translation first). */
export class EntryLocaleNotFoundError extends QuireError {
  constructor(id: string, locale: string) {
    super({
      code: 'content.entry-locale-not-found',
      status: 404,
      title: 'Entry locale not found',
      detail: `Entry ${id} has no "${locale}" version; create it with POST entries/${id}/locales/${locale}.`,
      extensions: { locale },
    });
  }
}

export class EntryLocaleExistsError extends QuireError {
  constructor(id: string, locale: string) {
    super({
      code: 'content.entry-locale-exists',
      status: 409,
      title: 'Entry locale exists',
      detail: `Entry ${id} already has a "${locale}" version.`,
      extensions: { locale },
    });
  }
}

/** Removing the default locale or the only locale of an entry would leave it without its main version. */
export class EntryLocaleRequiredError extends QuireError {
  constructor(locale: string, why: string) {
    super({
      code: 'content.entry-locale-required',
      status: 409,
      title: 'Locale cannot be removed',
      detail: `The "${locale}" version cannot be removed: ${why}.`,
      extensions: { locale },
    });
  }
}

export class SingletonEntryExistsError extends QuireError {
  constructor(apiId: string, existingId: string) {
    super({
      code: 'content.singleton-exists',
      status: 409,
      title: 'Singleton already has its entry',
      detail: `The singleton type "${apiId}" already has an entry (${existingId}); edit that one.`,
      extensions: { entryId: existingId },
    });
  }
}

/** A unique or slug field's value is already used by another entry of the type (in the locale, when localized). */
export class UniqueViolationError extends QuireError {
  constructor(problems: FieldProblem[]) {
    super({
      code: 'content.unique-violation',
      status: 409,
      title: 'Value already used',
      detail: `Another entry of this type already uses the value of ${problems.map((p) => p.path).join(', ')}.`,
      errors: problems,
    });
  }
}

/** Publishing needs every required field filled (and every rule of the type met) in the merged draft. */
export class PublishInvalidError extends QuireError {
  constructor(locale: string, problems: FieldProblem[]) {
    super({
      code: 'content.publish-invalid',
      status: 400,
      title: 'Draft cannot be published',
      detail: `The "${locale}" draft breaks rules a published entry must meet; see errors.`,
      errors: problems,
      extensions: { locale },
    });
  }
}

export class RevisionNotFoundError extends QuireError {
  constructor(entryId: string, number: number | string) {
    super({
      code: 'content.revision-not-found',
      status: 404,
      title: 'Revision not found',
      detail: `Entry ${entryId} has no revision ${number} (older revisions beyond the type's cap are deleted).`,
    });
  }
}

/** A revision's snapshot links to entries that are in the trash or gone since: restoring it would link to them. */
export class RestoreConflictError extends QuireError {
  constructor(number: number, problems: FieldProblem[]) {
    super({
      code: 'content.restore-conflict',
      status: 409,
      title: 'Revision cannot be restored',
      detail: `Revision ${number} links to entries that are in the trash or deleted; see errors.`,
      errors: problems,
    });
  }
}
