import { QuireError } from '@quire/core';

/**
 * A preview token that is unknown, expired, malformed or of another workspace: one answer for all, so that a
 * token's existence elsewhere is never disclosed.
 */
export class PreviewTokenInvalidError extends QuireError {
  constructor() {
    super({
      code: 'content.preview-token-invalid',
      status: 401,
      title: 'Invalid preview token',
      detail: 'The Quire-Preview token is unknown, expired or not of this workspace; mint a new one.',
    });
  }
}

/** The entry's type has no `options.previewUrl`, so there is no preview address to fill. */
export class PreviewUrlNotConfiguredError extends QuireError {
  constructor(apiId: string) {
    super({
      code: 'content.preview-url-not-configured',
      status: 404,
      title: 'No preview URL',
      detail: `Content type "${apiId}" has no options.previewUrl template.`,
      extensions: { contentType: apiId },
    });
  }
}
