import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can } from '@quire/core';
import type { Response } from 'express';
import { DATA_INVENTORY_SUBJECT } from '../compliance.permissions';
import type { DataInventory } from './data-inventory';
import { inventoryFormat, respondWithInventory } from './data-inventory.format';
import { DataInventoryService } from './data-inventory.service';
import { DataInventoryQuery } from './dto/data-inventory.query';
import { DataInventoryResponse } from './dto/data-inventory.response';

const DESCRIPTION =
  'Every category of personal data the installation holds, its fields and tables, purpose, legal basis, ' +
  'retention and erasure behaviour, and the outside processors configured (SMTP, S3, …), generated from the ' +
  "plugins' declarations. `?format=markdown` (or `Accept: text/markdown`) returns it as a record of processing " +
  'activities (GDPR art. 30) to complete and publish.';

/** The data inventory for a workspace's owners, admins and auditors: the same installation-wide declarations. */
@ApiTags('Data inventory')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/data-inventory')
export class DataInventoryController {
  constructor(private readonly inventory: DataInventoryService) {}

  @Get()
  @Can('read', DATA_INVENTORY_SUBJECT)
  @ApiOperation({ summary: 'Data inventory and record of processing', description: DESCRIPTION })
  @ApiProduces('application/json', 'text/markdown')
  @ApiOkResponse({ type: DataInventoryResponse })
  @ApiProblemResponses(400, 403, 404)
  get(
    @Query() query: DataInventoryQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): DataInventory | string {
    return respondWithInventory(this.inventory, inventoryFormat(query.format, accept), response);
  }
}
