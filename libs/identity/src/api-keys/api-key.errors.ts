import { QuireError } from '@quire/core';

export type ApiKeyErrorCode =
  'identity.api-key-not-found' | 'identity.api-key-scope-escalation' | 'identity.api-key-user-required';

/** An unknown id, or the id of another workspace's key: the same 404, so other workspaces' ids are not confirmed. */
export class ApiKeyNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'identity.api-key-not-found' satisfies ApiKeyErrorCode,
      status: 404,
      title: 'API key not found',
      detail: `No API key ${id} in this workspace.`,
    });
  }
}

/** A key never holds more than the person who creates it. */
export class ApiKeyScopeEscalationError extends QuireError {
  constructor(scopes: string[]) {
    super({
      code: 'identity.api-key-scope-escalation' satisfies ApiKeyErrorCode,
      status: 403,
      title: 'Scopes beyond your permissions',
      detail: `You cannot give a key permissions you do not hold in this workspace without conditions: ${scopes.join(', ')}.`,
      extensions: { scopes },
    });
  }
}

/** Keys are created by people (a signed-in session), never by another key. */
export class ApiKeyUserRequiredError extends QuireError {
  constructor() {
    super({
      code: 'identity.api-key-user-required' satisfies ApiKeyErrorCode,
      status: 403,
      title: 'A signed-in user is required',
      detail: 'API keys are created by a signed-in user; an API key cannot create keys.',
    });
  }
}
