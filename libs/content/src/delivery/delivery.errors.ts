import { QuireError } from '@quire/core';

/**
 * Nothing to deliver at this address: an unknown type, a component, a type the caller may not read, an entry
 * that is not published (in any locale of the chain) or is in the trash, a slug no entry has, or a slug route of
 * a type without a slug field. One answer for all, so that no existence is disclosed.
 */
export class DeliveryNotFoundError extends QuireError {
  constructor(what: string) {
    super({
      code: 'content.delivery-not-found',
      status: 404,
      title: 'Not found',
      detail: `No published content at ${what}.`,
    });
  }
}
