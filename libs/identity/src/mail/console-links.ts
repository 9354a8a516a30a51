import { Injectable } from '@nestjs/common';
import { InjectPluginOptions } from '@quire/core';
import { consoleTokenLink } from '../accounts/account-links';
import type { IdentityOptions } from '../identity.options';

/**
 * Links into the admin console for mails, on the installation's public URL (identity's `publicUrl`, from
 * PUBLIC_URL): what other plugins use so that their mails link the same way as identity's own.
 */
@Injectable()
export class ConsoleLinks {
  constructor(@InjectPluginOptions('identity') private readonly options: IdentityOptions) {}

  /** `<publicUrl>/admin/<page>?token=<token>`: the token in the query, which the request log never writes. */
  tokenLink(page: string, token: string): string {
    return consoleTokenLink(this.options.publicUrl, page, token);
  }

  /** `<publicUrl>/admin/<path>`: a console page a mail is about (an entry, a comment), no credential in it. */
  pageLink(path: string): string {
    return `${this.options.publicUrl.replace(/\/+$/, '')}/admin/${path.replace(/^\/+/, '')}`;
  }
}
