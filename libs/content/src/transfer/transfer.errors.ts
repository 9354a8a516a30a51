import { QuireError } from '@quire/core';

export type TransferErrorCode = 'content.import-id-conflict';

/**
 * Entry ids of the import are taken by records this workspace cannot see. Said the same way whatever holds them,
 * so an import cannot probe other workspaces; the import can be retried with fresh ids.
 */
export class ImportIdConflictError extends QuireError {
  constructor(paths: string[]) {
    super({
      code: 'content.import-id-conflict' satisfies TransferErrorCode,
      status: 409,
      title: 'Entry ids already in use',
      detail: `${paths.length} entry id(s) of the import cannot be used here; give those entries new ids. Nothing was written.`,
      errors: paths.map((path) => ({ path, message: 'this id is already in use' })),
    });
  }
}
