import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, type RequestContext } from '@quire/core';
import { platformAdminActor } from '@quire/identity';
import type { Response } from 'express';
import type { DataInventory } from './data-inventory';
import { inventoryFormat, respondWithInventory } from './data-inventory.format';
import { DataInventoryService } from './data-inventory.service';
import { DataInventoryQuery } from './dto/data-inventory.query';
import { DataInventoryResponse } from './dto/data-inventory.response';

/** The data inventory for the installation's operator: platform administrators, outside any workspace. */
@ApiTags('Data inventory')
@ApiBearerAuth()
@Controller('data-inventory')
export class InstallationDataInventoryController {
  constructor(private readonly inventory: DataInventoryService) {}

  @Get()
  @ApiOperation({
    summary: 'Data inventory of the installation',
    description:
      'As GET /workspaces/{workspace}/data-inventory, for the operator of the installation. Platform ' +
      'administrators only (403 identity.platform-admin-required), with a session of their own.',
  })
  @ApiProduces('application/json', 'text/markdown')
  @ApiOkResponse({ type: DataInventoryResponse })
  @ApiProblemResponses(400, 401, 403)
  get(
    @Ctx() ctx: RequestContext,
    @Query() query: DataInventoryQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): DataInventory | string {
    platformAdminActor(ctx);
    return respondWithInventory(this.inventory, inventoryFormat(query.format, accept), response);
  }
}
