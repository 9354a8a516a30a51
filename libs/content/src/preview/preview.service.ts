import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { TenantDataSource, ValidationFailedError, type RequestContext } from '@quire/core';
import { ENTRY_SUBJECT } from '../content.permissions';
import { EntryNotFoundError } from '../entries/entries.errors';
import { LocaleChain } from '../entries/locale-chain';
import { effectiveFields } from '../schema/effective-fields';
import { mergeLocalization } from '../schema/localization';
import { fillPreviewUrl } from '../schema/preview-url-template';
import { ContentTypeLookup, type LoadedContentType } from '../shared/content-type-lookup';
import { ContentTypeNotFoundError } from '../types/content-types.errors';
import type { CreatePreviewTokenDto } from './dto/create-preview-token.dto';
import type { PreviewTokenResponse, PreviewUrlResponse } from './dto/preview-token.response';
import { PreviewUrlNotConfiguredError } from './preview.errors';
import { DEFAULT_PREVIEW_TTL_SECONDS, type PreviewScope } from './preview-token';
import { PreviewTokenStore } from './preview-token.store';

interface EntryRow {
  content_type_id: string;
  created_by: string | null;
  shared_data: Record<string, unknown>;
}

/** Mints preview tokens for callers who may read the entries they preview, and fills a type's preview URL. */
@Injectable()
export class PreviewService {
  constructor(
    private readonly tokens: PreviewTokenStore,
    private readonly lookup: ContentTypeLookup,
    private readonly locales: LocaleChain,
    private readonly db: TenantDataSource,
  ) {}

  async mint(ctx: RequestContext, dto: CreatePreviewTokenDto): Promise<PreviewTokenResponse> {
    const scope: PreviewScope = { contentTypeId: null, entryId: null };
    let type: LoadedContentType | null = null;
    if (dto.contentType !== undefined) {
      type = await this.lookup.byApiId(ctx, dto.contentType);
      if (!type || type.kind === 'component' || !this.mayRead(ctx, type.apiId, undefined)) {
        throw new ContentTypeNotFoundError(dto.contentType);
      }
      scope.contentTypeId = type.id;
    }
    if (dto.entryId !== undefined) {
      const entryId = dto.entryId.toLowerCase();
      const { type: entryType } = await this.readableEntry(ctx, entryId);
      if (type && entryType.id !== type.id) {
        throw new ValidationFailedError([
          { path: 'entryId', message: `the entry is not of content type "${type.apiId}"` },
        ]);
      }
      scope.contentTypeId = entryType.id;
      scope.entryId = entryId;
    }
    return this.issue(ctx, scope, dto.ttlSeconds ?? DEFAULT_PREVIEW_TTL_SECONDS);
  }

  /** The type's `options.previewUrl` for one entry and locale, with a new token scoped to the entry. */
  async previewUrl(ctx: RequestContext, entryId: string, locale: string | undefined): Promise<PreviewUrlResponse> {
    const { entry, type } = await this.readableEntry(ctx, entryId);
    const template = type.definition.options?.previewUrl;
    if (!template) throw new PreviewUrlNotConfiguredError(type.apiId);
    const resolved = await this.locales.resolve(ctx, locale);
    const [draft] = await this.db
      .manager(ctx)
      .query<Array<{ draft_data: Record<string, unknown> }>>(
        `SELECT draft_data FROM content_entry_locales WHERE workspace_id = $1 AND entry_id = $2 AND locale = $3`,
        [ctx.workspaceId, entryId, resolved],
      );
    const slugField = effectiveFields(type.definition).find((field) => field.type === 'slug')?.name;
    const merged = mergeLocalization(entry.shared_data, draft?.draft_data ?? {});
    const slug = slugField && typeof merged[slugField] === 'string' ? (merged[slugField] as string) : '';
    const issued = await this.issue(ctx, { contentTypeId: type.id, entryId }, DEFAULT_PREVIEW_TTL_SECONDS);
    const url = fillPreviewUrl(template, {
      id: entryId,
      locale: resolved,
      slug,
      token: issued.token,
      contentType: type.apiId,
    });
    return { ...issued, url, locale: resolved };
  }

  private async issue(ctx: RequestContext, scope: PreviewScope, ttlSeconds: number): Promise<PreviewTokenResponse> {
    const { token, expiresAt } = await this.tokens.mint(ctx, scope, ttlSeconds);
    return { token, expiresAt: expiresAt.toISOString() };
  }

  /** A live (not trashed) entry of the workspace the caller may read, with its type; anything else is a 404. */
  private async readableEntry(ctx: RequestContext, id: string): Promise<{ entry: EntryRow; type: LoadedContentType }> {
    const [entry] = await this.db.manager(ctx).query<EntryRow[]>(
      `SELECT content_type_id, created_by, shared_data FROM content_entries
          WHERE workspace_id = $1 AND id = $2 AND deleted_at IS NULL`,
      [ctx.workspaceId, id],
    );
    const type = entry ? await this.lookup.byId(ctx, entry.content_type_id) : null;
    if (!entry || !type || !this.mayRead(ctx, type.apiId, entry.created_by)) throw new EntryNotFoundError(id);
    return { entry, type };
  }

  private mayRead(ctx: RequestContext, contentType: string, createdById: string | null | undefined): boolean {
    const record: Record<string, unknown> = { contentType };
    if (createdById !== undefined) record.createdById = createdById;
    return ctx.ability.can('read', subject(ENTRY_SUBJECT, record));
  }
}
