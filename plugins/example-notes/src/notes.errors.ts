import { QuireError } from '@quire/core';

export class NoteNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'example-notes.note-not-found',
      status: 404,
      title: 'Note not found',
      detail: `No note ${id} in this workspace.`,
    });
  }
}
