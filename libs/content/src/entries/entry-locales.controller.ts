import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { ENTRY_SUBJECT } from '../content.permissions';
import { CreateTranslationDto } from './dto/create-translation.dto';
import { EntryResponse } from './dto/entry.response';
import { EntryTranslationService } from './entry-translation.service';
import { EntryService } from './entry.service';

@ApiTags('Content entries')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@ApiParam({ name: 'locale', description: 'An enabled locale of the workspace', example: 'de' })
@Controller('workspaces/:workspace/entries/:id/locales/:locale')
export class EntryLocalesController {
  constructor(
    private readonly entries: EntryService,
    private readonly translations: EntryTranslationService,
  ) {}

  @Post('publish')
  @HttpCode(200)
  @Can('publish', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Publish one locale',
    description:
      "The locale's draft (shared and localized values) must meet every rule with required fields filled " +
      '(`content.publish-invalid` lists each failing field). It becomes what the delivery API serves for the locale, ' +
      'private fields left out. Other locales are not touched.',
  })
  @ApiOkResponse({ type: EntryResponse })
  @ApiProblemResponses(400, 404)
  publish(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Param('locale') locale: string,
  ): Promise<EntryResponse> {
    return this.entries.publish(ctx, id, locale);
  }

  @Post('unpublish')
  @HttpCode(200)
  @Can('publish', ENTRY_SUBJECT)
  @ApiOperation({ summary: 'Unpublish one locale', description: 'The delivery API stops serving it; the draft stays.' })
  @ApiOkResponse({ type: EntryResponse })
  @ApiProblemResponses(400, 404)
  unpublish(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Param('locale') locale: string,
  ): Promise<EntryResponse> {
    return this.entries.unpublish(ctx, id, locale);
  }

  @Post()
  @Can('update', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Add a locale version (translation)',
    description: "Copies the localized draft values of `from`, or starts from the fields' defaults. A draft.",
  })
  @ApiCreatedResponse({ type: EntryResponse })
  @ApiProblemResponses(400, 404, 409, 415)
  translate(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Param('locale') locale: string,
    @Body() dto: CreateTranslationDto,
  ): Promise<EntryResponse> {
    return this.translations.translate(ctx, id, locale, dto.from);
  }

  @Delete()
  @HttpCode(204)
  @Can('delete', ENTRY_SUBJECT)
  @ApiOperation({
    summary: 'Remove a locale version',
    description: "Its draft and published version go. Not the workspace's default locale, not the only one (409).",
  })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 404, 409)
  remove(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Param('locale') locale: string): Promise<void> {
    return this.translations.remove(ctx, id, locale);
  }
}
