import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';
import { ConsoleLinks, MailSender } from '@quire/identity';
import type { StoredEntry } from '../../entries/entry-store';
import type { LoadedContentType } from '../../shared/content-type-lookup';

/** How much of a comment a mention mail quotes. */
export const MENTION_EXCERPT_LENGTH = 500;

export interface MentionMail {
  commentId: string;
  body: string;
  locale: string | null;
  entry: StoredEntry;
  type: LoadedContentType;
  recipients: string[];
}

/**
 * Mails the members mentioned in a comment with identity's `commentMention` template, through identity's outbox and
 * queue. Called inside the comment's transaction: the mails exist (and are delivered) exactly when it commits.
 */
@Injectable()
export class CommentMailer {
  constructor(
    private readonly db: TenantDataSource,
    private readonly mail: MailSender,
    private readonly links: ConsoleLinks,
  ) {}

  async send(tx: RequestContext, mention: MentionMail): Promise<void> {
    if (mention.recipients.length === 0) return;
    const manager = this.db.manager(tx);
    const [names] = await manager.query<
      Array<{ workspaceName: string; authorName: string | null; defaultLocale: string }>
    >(
      `SELECT w.name AS "workspaceName", w.default_locale AS "defaultLocale",
              (SELECT display_name FROM identity_users WHERE id = $2::uuid) AS "authorName"
         FROM workspaces w WHERE w.id = $1`,
      [tx.workspaceId, tx.actor.type === 'user' ? tx.actor.id : null],
    );
    // Closed accounts get no mail.
    const recipients = await manager.query<Array<{ email: string }>>(
      `SELECT email FROM identity_users WHERE id = ANY($1::uuid[]) AND closed_at IS NULL ORDER BY id`,
      [mention.recipients],
    );
    const locale = mention.locale ?? names.defaultLocale;
    const entryTitle = await this.titleOf(tx, mention.entry, mention.type, locale);
    const query = `?locale=${encodeURIComponent(locale)}#comment-${mention.commentId}`;
    const link = this.links.pageLink(
      `workspaces/${encodeURIComponent(tx.workspace!.slug)}/entries/${mention.entry.id}${query}`,
    );
    const excerpt =
      mention.body.length > MENTION_EXCERPT_LENGTH ? `${mention.body.slice(0, MENTION_EXCERPT_LENGTH)}…` : mention.body;
    for (const recipient of recipients) {
      await this.mail.send(
        recipient.email,
        'commentMention',
        { authorName: names.authorName ?? 'A member', workspaceName: names.workspaceName, entryTitle, excerpt, link },
        { manager },
      );
    }
  }

  /** The entry's first text value in the locale (shared or localized), else the type's name and the entry id. */
  private async titleOf(
    tx: RequestContext,
    entry: StoredEntry,
    type: LoadedContentType,
    locale: string,
  ): Promise<string> {
    const [row] = await this.db
      .manager(tx)
      .query<Array<{ draft_data: Record<string, unknown> }>>(
        `SELECT draft_data FROM content_entry_locales WHERE entry_id = $1 AND workspace_id = $2 AND locale = $3`,
        [entry.id, tx.workspaceId, locale],
      );
    const values: Record<string, unknown> = { ...entry.sharedData, ...(row?.draft_data ?? {}) };
    for (const field of type.definition.fields) {
      const value = values[field.name];
      if (field.type === 'text' && typeof value === 'string' && value.trim().length > 0)
        return value.trim().slice(0, 200);
    }
    return `${type.definition.name} ${entry.id}`;
  }
}
