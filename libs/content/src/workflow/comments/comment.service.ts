import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import {
  EventBus,
  ForbiddenActionError,
  listTenantRows,
  TenantDataSource,
  uuidv7,
  ValidationFailedError,
  type FieldProblem,
  type RequestContext,
} from '@quire/core';
import { ENTRY_COMMENT_SUBJECT, ENTRY_SUBJECT } from '../../content.permissions';
import { EntryAccess, type AccessibleEntry } from '../../entries/entry-access';
import { actorUserId, EntryStore } from '../../entries/entry-store';
import { assertEnabled, LocaleChain } from '../../entries/locale-chain';
import { WorkspaceMembers } from '../members/workspace-members';
import { CommentMailer } from './comment-mailer';
import { CommentNotFoundError } from './comments.errors';
import { ContentEntryComment } from './content-entry-comment.entity';
import { commentListSpec, type CommentListResponse, type CommentResponse } from './dto/comment.response';

export interface CommentInput {
  body?: string;
  locale?: string | null;
  mentions?: string[];
}

interface CommentRow {
  id: string;
  entry_id: string;
  locale: string | null;
  author_id: string | null;
  body: string;
  created_at: Date;
  edited_at: Date | null;
}

const COMMENT_COLUMNS = 'id, entry_id, locale, author_id, body, created_at, edited_at';

/**
 * Comments on entries: whoever may read an entry reads its comments; members comment (their role permitting), edit
 * their own, and delete their own (owners and admins any). Mentioned members must be able to read the entry; each
 * newly mentioned one is mailed in the comment's transaction.
 */
@Injectable()
export class CommentService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly events: EventBus,
    private readonly access: EntryAccess,
    private readonly store: EntryStore,
    private readonly locales: LocaleChain,
    private readonly members: WorkspaceMembers,
    private readonly mailer: CommentMailer,
  ) {}

  async list(ctx: RequestContext, entryId: string, rawQuery: Record<string, unknown>): Promise<CommentListResponse> {
    await this.access.entry(ctx, entryId, 'read');
    const scoped = this.db
      .repository(ctx, ContentEntryComment)
      .createQueryBuilder('comment')
      .andWhere('comment.entry_id = :entryId', { entryId });
    const { page } = await listTenantRows(ctx, scoped, 'comment', rawQuery, commentListSpec, {
      action: 'read',
      subject: ENTRY_COMMENT_SUBJECT,
      fields: { authorId: 'authorId' },
    });
    const mentions = await this.mentionsOf(
      ctx,
      page.data.map((c) => c.id),
    );
    return {
      data: page.data.map((c) => ({
        id: c.id,
        entryId: c.entryId,
        locale: c.locale,
        authorId: c.authorId,
        body: c.body,
        mentions: mentions.get(c.id) ?? [],
        createdAt: c.createdAt.toISOString(),
        editedAt: c.editedAt?.toISOString() ?? null,
      })),
      meta: page.meta,
    };
  }

  async create(ctx: RequestContext, entryId: string, input: CommentInput): Promise<CommentResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const found = await this.access.entry(tx, entryId, 'read');
      const locale = await this.localeOf(tx, found, input.locale ?? null);
      const mentions = await this.mentionable(tx, found, input.mentions ?? []);
      const [row]: CommentRow[] = await this.db.manager(tx).query(
        `INSERT INTO content_entry_comments (id, workspace_id, entry_id, locale, author_id, body)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COMMENT_COLUMNS}`,
        [uuidv7(), tx.workspaceId, entryId, locale, actorUserId(tx), input.body],
      );
      await this.addMentions(tx, row.id, mentions);
      await this.events.publish(tx, 'content.comment.created', {
        commentId: row.id,
        entryId,
        contentType: found.type.apiId,
        locale,
        mentions,
      });
      await this.notify(tx, found, row, mentions);
      return toResponse(row, mentions);
    });
  }

  /** Only its author edits a comment. New mentions are mailed; mentions left out are removed. */
  async update(ctx: RequestContext, entryId: string, id: string, input: CommentInput): Promise<CommentResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const found = await this.access.entry(tx, entryId, 'read');
      const current = await this.comment(tx, entryId, id, true);
      const own = current.author_id !== null && current.author_id === actorUserId(tx);
      if (!own || !tx.ability.can('update', subject(ENTRY_COMMENT_SUBJECT, { authorId: current.author_id }))) {
        throw new ForbiddenActionError('update', ENTRY_COMMENT_SUBJECT, 'Only the author of a comment edits it.');
      }
      const before = (await this.mentionsOf(tx, [id])).get(id) ?? [];
      const mentions = input.mentions === undefined ? before : await this.mentionable(tx, found, input.mentions);
      let row = current;
      if (input.body !== undefined && input.body !== current.body) {
        // TypeORM answers [rows, count] for UPDATE … RETURNING on PostgreSQL.
        [[row]] = await this.db.manager(tx).query(
          `UPDATE content_entry_comments SET body = $3, edited_at = now(), updated_at = now()
            WHERE id = $1 AND workspace_id = $2 RETURNING ${COMMENT_COLUMNS}`,
          [id, tx.workspaceId, input.body],
        );
      }
      if (input.mentions !== undefined) {
        await this.db
          .manager(tx)
          .query(
            `DELETE FROM content_comment_mentions WHERE comment_id = $1 AND workspace_id = $2 AND NOT (user_id = ANY($3::uuid[]))`,
            [id, tx.workspaceId, mentions],
          );
        await this.addMentions(tx, id, mentions);
      }
      const added = mentions.filter((userId) => !before.includes(userId));
      await this.events.publish(tx, 'content.comment.updated', {
        commentId: id,
        entryId,
        contentType: found.type.apiId,
        locale: row.locale,
        mentions,
      });
      await this.notify(tx, found, row, added);
      return toResponse(row, mentions);
    });
  }

  /** Its author deletes it, and whoever may delete any comment (owners and admins). */
  async delete(ctx: RequestContext, entryId: string, id: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const found = await this.access.entry(tx, entryId, 'read');
      const current = await this.comment(tx, entryId, id, true);
      if (!tx.ability.can('delete', subject(ENTRY_COMMENT_SUBJECT, { authorId: current.author_id }))) {
        throw new ForbiddenActionError('delete', ENTRY_COMMENT_SUBJECT, 'You may delete only your own comments.');
      }
      await this.db
        .manager(tx)
        .query(`DELETE FROM content_entry_comments WHERE id = $1 AND workspace_id = $2`, [id, tx.workspaceId]);
      await this.events.publish(tx, 'content.comment.deleted', {
        commentId: id,
        entryId,
        contentType: found.type.apiId,
        locale: current.locale,
      });
    });
  }

  private async comment(ctx: RequestContext, entryId: string, id: string, lock = false): Promise<CommentRow> {
    const [row]: CommentRow[] = await this.db.manager(ctx).query(
      `SELECT ${COMMENT_COLUMNS} FROM content_entry_comments
        WHERE id = $1 AND entry_id = $2 AND workspace_id = $3${lock ? ' FOR UPDATE' : ''}`,
      [id, entryId, ctx.workspaceId],
    );
    if (!row) throw new CommentNotFoundError(id);
    return row;
  }

  /** The locale a comment is about: enabled in the workspace and a version the entry has (400 naming `locale`). */
  private async localeOf(ctx: RequestContext, found: AccessibleEntry, locale: string | null): Promise<string | null> {
    if (locale === null) return null;
    assertEnabled(locale, await this.locales.enabledLocales(ctx), 'locale');
    if (!(await this.store.locales(ctx, found.entry.id)).some((row) => row.locale === locale)) {
      throw new ValidationFailedError([{ path: 'locale', message: `the entry has no "${locale}" version` }]);
    }
    return locale;
  }

  /** The mentioned user ids, each once: members who may read the entry, or a 400 naming each that is not. */
  private async mentionable(ctx: RequestContext, found: AccessibleEntry, ids: string[]): Promise<string[]> {
    const userIds = ids.map((id) => id.toLowerCase());
    const roles = await this.members.roles(ctx, userIds);
    const record = subject(ENTRY_SUBJECT, { contentType: found.type.apiId, createdById: found.entry.createdBy });
    const problems: FieldProblem[] = [];
    for (const [i, userId] of userIds.entries()) {
      if (!roles.has(userId)) {
        problems.push({ path: `mentions.${i}`, message: `${ids[i]} is not a member of this workspace` });
      } else if (!(await this.members.abilityOf(ctx, userId)).can('read', record)) {
        problems.push({
          path: `mentions.${i}`,
          message: `the member (role "${roles.get(userId)}") may not read this entry`,
        });
      }
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return [...new Set(userIds)];
  }

  private async addMentions(tx: RequestContext, commentId: string, userIds: string[]): Promise<void> {
    for (const userId of userIds) {
      await this.db.manager(tx).query(
        `INSERT INTO content_comment_mentions (id, workspace_id, comment_id, user_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (comment_id, user_id) DO NOTHING`,
        [uuidv7(), tx.workspaceId, commentId, userId],
      );
    }
  }

  private async mentionsOf(ctx: RequestContext, commentIds: string[]): Promise<Map<string, string[]>> {
    const rows: Array<{ comment_id: string; user_id: string }> = await this.db.manager(ctx).query(
      `SELECT comment_id, user_id FROM content_comment_mentions
        WHERE workspace_id = $1 AND comment_id = ANY($2::uuid[]) ORDER BY created_at, user_id`,
      [ctx.workspaceId, commentIds],
    );
    const byComment = new Map<string, string[]>();
    for (const row of rows) byComment.set(row.comment_id, [...(byComment.get(row.comment_id) ?? []), row.user_id]);
    return byComment;
  }

  /** Mails the mentioned members, the author excepted (nobody needs a mail about their own words). */
  private async notify(tx: RequestContext, found: AccessibleEntry, row: CommentRow, userIds: string[]): Promise<void> {
    const author = actorUserId(tx);
    await this.mailer.send(tx, {
      commentId: row.id,
      body: row.body,
      locale: row.locale,
      entry: found.entry,
      type: found.type,
      recipients: userIds.filter((userId) => userId !== author),
    });
  }
}

function toResponse(row: CommentRow, mentions: string[]): CommentResponse {
  return {
    id: row.id,
    entryId: row.entry_id,
    locale: row.locale,
    authorId: row.author_id,
    body: row.body,
    mentions,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
  };
}
