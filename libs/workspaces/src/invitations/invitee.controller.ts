import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, Public, RateLimit, type RequestContext } from '@quire/core';
import { IssuesTokens, SignUpResponse } from '@quire/identity';
import { WORKSPACES_RATE_LIMITS } from '../workspaces.rate-limits';
import { InvitationAcceptedResponse, InvitationPreviewResponse, InvitationSignUpDto } from './dto/invitee.dto';
import { InviteeService } from './invitee.service';

const GONE = {
  status: 410,
  description: 'workspaces.invitation-expired: the invitation was not answered within its 7 days',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
};

/** The mailed token (a path parameter named `token`, which the request log masks). */
const TOKEN_PARAM = { name: 'token', description: 'The token of the mailed invitation link' } as const;

@ApiTags('Invitations')
@ApiParam(TOKEN_PARAM)
@Controller('invitations/:token')
export class InviteeController {
  constructor(private readonly invitee: InviteeService) {}

  @Get()
  @Public()
  @RateLimit(WORKSPACES_RATE_LIMITS.invitationToken)
  @ApiOperation({
    summary: 'See an invitation',
    description:
      'What the mailed link invites to: workspace, inviter, role, team, email, expiry, and whether the email has an ' +
      'account. An unknown, used, rejected or cancelled token is 404 workspaces.invitation-not-found; an expired one ' +
      '410 workspaces.invitation-expired.',
  })
  @ApiOkResponse({ type: InvitationPreviewResponse })
  @ApiResponse(GONE)
  @ApiProblemResponses(404)
  preview(@Ctx() ctx: RequestContext, @Param('token') token: string): Promise<InvitationPreviewResponse> {
    return this.invitee.preview(ctx, token);
  }

  @Post('accept')
  @HttpCode(200)
  @ApiBearerAuth()
  @RateLimit(WORKSPACES_RATE_LIMITS.invitationToken)
  @ApiOperation({
    summary: 'Accept an invitation',
    description:
      "The signed-in user joins the workspace with the invited role and team. The account's email must be the " +
      'invited one, regardless of case (403 workspaces.invitation-email-mismatch); already a member: 409 ' +
      'workspaces.already-member. Signed-in users only (403 workspaces.user-required for API keys).',
  })
  @ApiOkResponse({ type: InvitationAcceptedResponse })
  @ApiResponse(GONE)
  @ApiProblemResponses(401, 403, 404, 409)
  accept(@Ctx() ctx: RequestContext, @Param('token') token: string): Promise<InvitationAcceptedResponse> {
    return this.invitee.accept(ctx, token);
  }

  @Post('reject')
  @HttpCode(204)
  @Public()
  @RateLimit(WORKSPACES_RATE_LIMITS.invitationToken)
  @ApiOperation({
    summary: 'Reject an invitation',
    description: 'No account needed: the token is the credential. The link stops working.',
  })
  @ApiNoContentResponse({ description: 'Rejected' })
  @ApiResponse(GONE)
  @ApiProblemResponses(404)
  reject(@Ctx() ctx: RequestContext, @Param('token') token: string): Promise<void> {
    return this.invitee.reject(ctx, token);
  }

  @Post('sign-up')
  @Public()
  @RateLimit(WORKSPACES_RATE_LIMITS.invitationSignUp)
  @IssuesTokens()
  @ApiOperation({
    summary: 'Sign up through an invitation',
    description:
      'Creates the account of the invited email (verified: the link proves the mailbox), accepts the invitation and ' +
      'signs the account in, answered like POST /auth/sign-up; all or nothing. The password must pass the password ' +
      'policy (400 listing every problem with path `password`). The email has an account already: 409 ' +
      'workspaces.invitation-account-exists (sign in and accept instead).',
  })
  @ApiCreatedResponse({ type: SignUpResponse })
  @ApiResponse(GONE)
  @ApiProblemResponses(400, 403, 404, 409, 413, 415)
  signUp(
    @Ctx() ctx: RequestContext,
    @Param('token') token: string,
    @Body() dto: InvitationSignUpDto,
  ): Promise<SignUpResponse> {
    return this.invitee.signUp(ctx, token, dto);
  }
}
