import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ApiListQuery,
  ApiProblemResponses,
  Can,
  Ctx,
  UuidParam,
  type ListQuerySpec,
  type RequestContext,
} from '@quire/core';
import { ENTRY_SUBJECT } from '../content.permissions';
import { CreateEntryDto } from './dto/create-entry.dto';
import { EntryListResponse, EntryResponse } from './dto/entry.response';
import { GetEntryQuery } from './dto/get-entry.query';
import { UpdateEntryDto } from './dto/update-entry.dto';
import { EntryList } from './entry-list';
import { EntryReader } from './entry-reader';
import { EntryService } from './entry.service';

/** What every type's list accepts; each type adds its scalar fields (filter and sort over the locale's draft). */
const documentedListSpec: ListQuerySpec = {
  fields: {
    id: { type: 'uuid', column: 'id', filterable: true, sortable: true, selectable: true },
    status: {
      type: 'enum',
      column: 'status',
      enumValues: ['draft', 'published', 'changed'],
      filterable: true,
      sortable: true,
      selectable: true,
    },
    createdAt: { type: 'datetime', column: 'created_at', filterable: true, sortable: true, selectable: true },
    updatedAt: { type: 'datetime', column: 'updated_at', filterable: true, sortable: true, selectable: true },
    publishedAt: { type: 'datetime', column: 'published_at', filterable: true, sortable: true, selectable: true },
    createdById: { type: 'uuid', column: 'created_by', filterable: true, selectable: true },
  },
  defaultSort: '-updatedAt',
  maxPageSize: 100,
};

@ApiTags('Content entries')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace')
export class EntriesController {
  constructor(
    private readonly entries: EntryService,
    private readonly reader: EntryReader,
    private readonly lists: EntryList,
  ) {}

  @Get('content-types/:apiId/entries')
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({
    summary: "List a type's entries in one locale",
    description:
      "Entries that have a version in `locale` (default: the workspace's default locale). Besides the fields below, " +
      'every text, number, boolean, date, enum, slug and single-relation field of the type can be filtered and sorted ' +
      'by its name, over the draft of that locale; `fields` also takes field names.',
  })
  @ApiParam({ name: 'apiId', description: 'API id of the content type', example: 'blog-post' })
  @ApiQuery({ name: 'locale', required: false, example: 'en' })
  @ApiListQuery(documentedListSpec)
  @ApiOkResponse({ type: EntryListResponse })
  @ApiProblemResponses(400, 404)
  list(
    @Ctx() ctx: RequestContext,
    @Param('apiId') apiId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<EntryListResponse> {
    return this.lists.list(ctx, apiId, query);
  }

  @Post('content-types/:apiId/entries')
  @Can('create', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Create an entry',
    description:
      'Creates the entry with its first locale version as a draft. Fields not set take their default; empty slug ' +
      'fields with a source field are generated. A singleton type has at most one entry (409).',
  })
  @ApiParam({ name: 'apiId', description: 'API id of the content type', example: 'blog-post' })
  @ApiCreatedResponse({ type: EntryResponse })
  @ApiProblemResponses(400, 404, 409, 413, 415)
  create(
    @Ctx() ctx: RequestContext,
    @Param('apiId') apiId: string,
    @Body() dto: CreateEntryDto,
  ): Promise<EntryResponse> {
    return this.entries.create(ctx, apiId, dto);
  }

  @Get('entries/:id')
  @Can('read', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Get an entry in one locale',
    description:
      'The draft of the locale (shared and localized values), its status, every locale the entry has and the ' +
      "enabled locales it lacks. With fallback=true, fields empty in the locale come from the locale's fallback chain.",
  })
  @ApiOkResponse({ type: EntryResponse })
  @ApiProblemResponses(400, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Query() query: GetEntryQuery): Promise<EntryResponse> {
    return this.reader.read(ctx, id, { locale: query.locale, fallback: query.fallback === 'true' });
  }

  @Patch('entries/:id')
  @Can('update', ENTRY_SUBJECT)
  @ApiOperation({
    summary: "Save a locale's draft",
    description:
      'Partial: fields present replace, null clears, absent stay. Shared fields change for every locale. The published ' +
      'version is not touched (the status becomes `changed`). Records a revision.',
  })
  @ApiOkResponse({ type: EntryResponse })
  @ApiProblemResponses(400, 404, 409, 413, 415)
  update(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() dto: UpdateEntryDto): Promise<EntryResponse> {
    return this.entries.update(ctx, id, dto);
  }
}
