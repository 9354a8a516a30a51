import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { platformAdminActor } from '@quire/identity';
import { RetentionPolicyListResponse } from './dto/retention-policy.response';
import { RetentionRunDto } from './dto/retention-run.dto';
import { RetentionRunListResponse, RetentionRunResponse } from './dto/retention-run.response';
import { RetentionEngine } from './retention-engine';
import { RetentionRunRecorder, retentionRunListSpec } from './retention-run-recorder';

/** The retention engine for the installation's operator: platform administrators, outside any workspace. */
@ApiTags('Retention')
@ApiBearerAuth()
@Controller('retention')
export class RetentionController {
  constructor(
    private readonly engine: RetentionEngine,
    private readonly recorder: RetentionRunRecorder,
  ) {}

  @Get('policies')
  @ApiOperation({
    summary: 'Retention policies',
    description:
      "Every loaded plugin's retention policies with their resolved duration (from the options), action and table. " +
      'Platform administrators only.',
  })
  @ApiOkResponse({ type: RetentionPolicyListResponse })
  @ApiProblemResponses(401, 403)
  policies(@Ctx() ctx: RequestContext): RetentionPolicyListResponse {
    platformAdminActor(ctx);
    return { data: this.engine.catalog() };
  }

  @Post('dry-run')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What the next run would remove',
    description:
      'Per policy: the rows the next run would delete or anonymize (rowsAffected) and the due rows legal holds ' +
      'spare (rowsHeld). Counts with the same selection as a run, without locking or changing anything; recorded ' +
      'as a dry run.',
  })
  @ApiOkResponse({ type: RetentionRunResponse })
  @ApiProblemResponses(400, 401, 403)
  dryRun(@Ctx() ctx: RequestContext, @Body() body: RetentionRunDto): Promise<RetentionRunResponse> {
    const admin = platformAdminActor(ctx);
    return this.engine.run({ trigger: 'manual', dryRun: true, policies: body.policies, requestedBy: admin.userId });
  }

  @Post('runs')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run retention now',
    description:
      'Runs the named policies (all when none are named) to the end, as the daily job does, and answers with the ' +
      "run's record. A policy that fails is recorded with its error; the others still run.",
  })
  @ApiOkResponse({ type: RetentionRunResponse })
  @ApiProblemResponses(400, 401, 403)
  runNow(@Ctx() ctx: RequestContext, @Body() body: RetentionRunDto): Promise<RetentionRunResponse> {
    const admin = platformAdminActor(ctx);
    return this.engine.run({ trigger: 'manual', dryRun: false, policies: body.policies, requestedBy: admin.userId });
  }

  @Get('runs')
  @ApiOperation({
    summary: 'Retention runs',
    description: 'Newest first. Filter e.g. filter[trigger]=schedule, filter[dryRun]=false, filter[status]=failed.',
  })
  @ApiListQuery(retentionRunListSpec)
  @ApiOkResponse({ type: RetentionRunListResponse })
  @ApiProblemResponses(400, 401, 403)
  runs(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<RetentionRunListResponse> {
    platformAdminActor(ctx);
    return this.recorder.list(query);
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One retention run, with its per-policy results' })
  @ApiOkResponse({ type: RetentionRunResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  run(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<RetentionRunResponse> {
    platformAdminActor(ctx);
    return this.recorder.get(id);
  }
}
