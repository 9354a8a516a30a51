import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, PublicWorkspaceRoute, UuidParam, type RequestContext } from '@quire/core';
import type { Request, Response } from 'express';
import { PREVIEW_HEADER } from '../preview/preview-token';
import { normalizeUrl } from './delivery-cache';
import { DeliveryService, type DeliveryResponse, type DeliveryTarget } from './delivery.service';
import { DeliveryEntryResponse, DeliveryListResponse } from './dto/delivery.response';

const ACCESS =
  'Published content only. With an API key of the workspace holding `read:PublishedEntry` (`Authorization: Bearer ' +
  'qk_…`) every type; without one, only types with `options.publicRead`. Anything else, like an unknown type or ' +
  'entry, answers the same 404. Answers carry `ETag` (send it back as `If-None-Match` for a 304), `Cache-Control` ' +
  'and `Vary`. With a `Quire-Preview: qpv_…` header (a preview token), drafts instead, `Cache-Control: no-store`, ' +
  'no ETag; an invalid or expired token is a 401 (docs/content/preview.md).';

const locale = ApiQuery({
  name: 'locale',
  required: false,
  description:
    "An enabled locale of the workspace; default: the workspace's default locale. Falls back along the chain.",
});
const populate = ApiQuery({
  name: 'populate',
  required: false,
  description:
    'Relations, media and components to expand: `*` (one level) or paths like `author,categories` or ' +
    '`author.avatar` (depth = dots + 1, at most the configured maximum).',
});
const fields = ApiQuery({ name: 'fields', required: false, description: 'Comma-separated fields to return' });

@ApiTags('Content delivery')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@ApiParam({ name: 'type', description: 'API id of a collection or singleton type' })
@ApiExtraModels(DeliveryListResponse, DeliveryEntryResponse)
@PublicWorkspaceRoute()
@Controller('delivery/:workspace')
export class DeliveryController {
  constructor(private readonly delivery: DeliveryService) {}

  @Get(':type')
  @ApiOperation({
    summary: 'List published entries (or get a singleton)',
    description:
      `${ACCESS} A collection answers a page: the list query language (page, pageSize, sort, filter[field][op], ` +
      "fields) over the type's non-private scalar fields plus id, publishedAt, firstPublishedAt; default sort " +
      "-publishedAt; `q` searches the published text in the locale's language, ranked when no sort is given. A " +
      'singleton answers its one document (locale, populate, fields).',
  })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } })
  @ApiQuery({ name: 'sort', required: false, schema: { type: 'string', example: '-publishedAt' } })
  @ApiQuery({
    name: 'filter',
    required: false,
    style: 'deepObject',
    explode: true,
    description: 'filter[field][op]=value over non-private scalar fields; unknown or private fields are a 400',
    schema: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } },
  })
  @ApiQuery({ name: 'q', required: false, description: 'Full-text search (web search syntax)' })
  @locale
  @populate
  @fields
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(DeliveryListResponse) }, { $ref: getSchemaPath(DeliveryEntryResponse) }] },
  })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match matched the ETag)' })
  @ApiProblemResponses(400, 401, 404, 429)
  async list(
    @Ctx() ctx: RequestContext,
    @Param('type') type: string,
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.answer(ctx, type, { kind: 'collection' }, query, request, response, type);
  }

  @Get(':type/slug/:slug')
  @ApiOperation({
    summary: 'Get a published entry by slug',
    description: `${ACCESS} Matches the type's first slug field in the locale asked for, else along the fallback chain; a type without a slug field answers 404.`,
  })
  @ApiParam({ name: 'slug' })
  @locale
  @populate
  @fields
  @ApiOkResponse({ type: DeliveryEntryResponse })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match matched the ETag)' })
  @ApiProblemResponses(400, 401, 404, 429)
  async bySlug(
    @Ctx() ctx: RequestContext,
    @Param('type') type: string,
    @Param('slug') slug: string,
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const path = `${type}/slug/${encodeURIComponent(slug)}`;
    await this.answer(ctx, type, { kind: 'slug', slug }, query, request, response, path);
  }

  @Get(':type/:id')
  @ApiOperation({
    summary: 'Get a published entry',
    description: `${ACCESS} The entry in the locale asked for, else in the first locale of its fallback chain where it is published.`,
  })
  @locale
  @populate
  @fields
  @ApiOkResponse({ type: DeliveryEntryResponse })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match matched the ETag)' })
  @ApiProblemResponses(400, 401, 404, 429)
  async byId(
    @Ctx() ctx: RequestContext,
    @Param('type') type: string,
    @UuidParam('id') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.answer(ctx, type, { kind: 'id', id: id.toLowerCase() }, query, request, response, `${type}/${id}`);
  }

  private async answer(
    ctx: RequestContext,
    typeApiId: string,
    target: DeliveryTarget,
    query: Record<string, unknown>,
    request: Request,
    response: Response,
    path: string,
  ): Promise<void> {
    const search = request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?')) : '';
    const result = await this.delivery.deliver(ctx, {
      typeApiId,
      target,
      query,
      normalizedUrl: normalizeUrl(path, search),
      ifNoneMatch: request.headers['if-none-match'],
      renderAnew: /\bno-cache\b/i.test(request.headers['cache-control'] ?? ''),
      previewToken: headerValue(request.headers[PREVIEW_HEADER]),
    });
    send(response, result);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function send(response: Response, result: DeliveryResponse): void {
  response.set(result.headers);
  response.set('Quire-Delivery-Cache', result.cache);
  if (result.status === 304) {
    response.status(304).end();
    return;
  }
  response.status(200).type('application/json; charset=utf-8');
  // A preview has no ETag, and `send` would compute one: `end` writes the body as it is.
  if (result.cache === 'bypass') response.end(result.body);
  else response.send(result.body);
}
