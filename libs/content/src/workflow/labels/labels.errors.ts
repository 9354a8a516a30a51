import { QuireError } from '@quire/core';

/** A label that does not exist in this workspace: one answer, whoever asks. */
export class LabelNotFoundError extends QuireError {
  constructor(id: string) {
    super({ code: 'content.label-not-found', status: 404, title: 'Label not found', detail: `No label ${id}.` });
  }
}

/** Label names are unique in a workspace, whatever their case. */
export class LabelNameTakenError extends QuireError {
  constructor(name: string) {
    super({
      code: 'content.label-name-taken',
      status: 409,
      title: 'Label name taken',
      detail: `The workspace already has a label "${name}".`,
    });
  }
}
