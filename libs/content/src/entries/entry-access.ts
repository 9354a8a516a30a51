import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { ForbiddenActionError, type RequestContext } from '@quire/core';
import { ENTRY_SUBJECT } from '../content.permissions';
import { ContentTypeLookup, type LoadedContentType } from '../shared/content-type-lookup';
import { ContentTypeNotFoundError } from '../types/content-types.errors';
import { EntryNotFoundError } from './entries.errors';
import { EntryStore, type StoredEntry } from './entry-store';

/** An entry the caller may act on, with its type. */
export interface AccessibleEntry {
  entry: StoredEntry;
  type: LoadedContentType;
}

/**
 * Finds types and entries for the entries API and checks the caller's rights on each record: what the caller may
 * not read (or what is in the trash, or in another workspace) is "not found"; what it may read but not change is a
 * 403.
 */
@Injectable()
export class EntryAccess {
  constructor(
    private readonly store: EntryStore,
    private readonly lookup: ContentTypeLookup,
  ) {}

  /** A collection or singleton of the workspace (components hold no entries). */
  async type(ctx: RequestContext, apiId: string): Promise<LoadedContentType> {
    const type = await this.lookup.byApiId(ctx, apiId);
    if (!type || type.kind === 'component') throw new ContentTypeNotFoundError(apiId);
    return type;
  }

  /** Whether the caller may create entries of the type (as their author). */
  assertCanCreate(ctx: RequestContext, type: LoadedContentType): void {
    const target = subject(ENTRY_SUBJECT, { contentType: type.apiId, createdById: ctx.actor.id });
    if (!ctx.ability.can('create', target)) throw new ForbiddenActionError('create', ENTRY_SUBJECT);
  }

  /** The entry, if the caller may read it, and may do `action` on it (403 otherwise). `lock` holds its row. */
  async entry(ctx: RequestContext, id: string, action: string, lock = false): Promise<AccessibleEntry> {
    const entry = await this.store.entry(ctx, id, lock);
    if (!entry || entry.deletedAt) throw new EntryNotFoundError(id);
    const type = await this.lookup.byId(ctx, entry.contentTypeId);
    if (!type) throw new EntryNotFoundError(id);
    const record = () => subject(ENTRY_SUBJECT, { contentType: type.apiId, createdById: entry.createdBy });
    if (!ctx.ability.can('read', record())) throw new EntryNotFoundError(id);
    if (action !== 'read' && !ctx.ability.can(action, record())) throw new ForbiddenActionError(action, ENTRY_SUBJECT);
    return { entry, type };
  }
}
