import { QuireError } from '@quire/core';

/** A comment that does not exist on this entry (or in this workspace): one answer. */
export class CommentNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'content.comment-not-found',
      status: 404,
      title: 'Comment not found',
      detail: `No comment ${id} on this entry.`,
    });
  }
}
