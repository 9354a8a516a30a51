import { Injectable } from '@nestjs/common';
import { ForbiddenError, subject } from '@casl/ability';
import { TenantDataSource, type RequestContext, selectFields } from '@quire/core';
import { toNoteResponse, type NoteListResponse, type NoteResponse } from './dto/note.response';
import type { CreateNoteDto } from './dto/create-note.dto';
import { NoteNotFoundError } from './notes.errors';
import { NotesRepository } from './notes.repository';

@Injectable()
export class NotesService {
  constructor(
    private readonly notes: NotesRepository,
    private readonly db: TenantDataSource,
  ) {}

  async list(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<NoteListResponse> {
    const { page, query } = await this.notes.list(ctx, rawQuery);
    const data = page.data.map(toNoteResponse).map((note) => selectFields(note, query.fields));
    return { data, meta: page.meta };
  }

  async get(ctx: RequestContext, id: string): Promise<NoteResponse> {
    const note = await this.notes.findById(ctx, id);
    // A note the member may not read is "not found": its existence is not disclosed.
    if (!note || !ctx.ability.can('read', subject('Note', note))) throw new NoteNotFoundError(id);
    return toNoteResponse(note);
  }

  create(ctx: RequestContext, dto: CreateNoteDto): Promise<NoteResponse> {
    return this.db.transaction(ctx, async (tx) => {
      const note = await this.notes.create(tx, { ...dto, createdById: tx.actor.id ?? 'unknown' });
      return toNoteResponse(note);
    });
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    const note = await this.notes.findById(ctx, id);
    if (!note || !ctx.ability.can('read', subject('Note', note))) throw new NoteNotFoundError(id);
    ForbiddenError.from(ctx.ability).throwUnlessCan('delete', subject('Note', note));
    await this.notes.remove(ctx, id);
  }
}
