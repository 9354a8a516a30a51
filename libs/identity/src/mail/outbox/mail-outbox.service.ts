import { Injectable } from '@nestjs/common';
import { fetchPage, parseListQuery, selectFields, TenantDataSource, type RequestContext } from '@quire/core';
import { MailMessage } from '../../entities/mail-message.entity';
import { platformAdminActor } from '../../platform-admin/platform-admin-actor';
import { mailOutboxListSpec } from './mail-outbox-list';
import { toMailOutboxEntry, type MailOutboxListResponse } from './mail-outbox.response';

/** The record of mails Quire sent (or, without SMTP, only logged), for platform administrators. */
@Injectable()
export class MailOutboxService {
  constructor(private readonly db: TenantDataSource) {}

  async list(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<MailOutboxListResponse> {
    platformAdminActor(ctx);
    const query = parseListQuery(rawQuery, mailOutboxListSpec);
    const builder = this.db.manager(ctx).getRepository(MailMessage).createQueryBuilder('mail');
    const page = await fetchPage(builder, 'mail', query, mailOutboxListSpec);
    return {
      data: page.data.map(toMailOutboxEntry).map((entry) => selectFields(entry, query.fields)),
      meta: page.meta,
    };
  }
}
