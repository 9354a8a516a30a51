import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { CreateNoteDto } from './dto/create-note.dto';
import { NoteListResponse, NoteResponse } from './dto/note.response';
import { noteListSpec } from './notes.repository';
import { NotesService } from './notes.service';

@ApiTags('Example notes')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get()
  @Can('read', 'Note')
  @ApiOperation({ summary: 'List notes' })
  @ApiListQuery(noteListSpec)
  @ApiOkResponse({ type: NoteListResponse })
  @ApiProblemResponses(400, 404)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<NoteListResponse> {
    return this.notes.list(ctx, query);
  }

  @Post()
  @Can('create', 'Note')
  @ApiOperation({ summary: 'Create a note' })
  @ApiCreatedResponse({ type: NoteResponse })
  @ApiProblemResponses(400, 404, 413, 415)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateNoteDto): Promise<NoteResponse> {
    return this.notes.create(ctx, dto);
  }

  @Get(':id')
  @Can('read', 'Note')
  @ApiOperation({ summary: 'Get a note' })
  @ApiOkResponse({ type: NoteResponse })
  @ApiProblemResponses(400, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<NoteResponse> {
    return this.notes.get(ctx, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', 'Note')
  @ApiOperation({ summary: 'Delete a note' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 404)
  remove(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    return this.notes.remove(ctx, id);
  }
}
