import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@quire/core';
import { platformAdminActor } from '@quire/identity';
import { ConsentService, type ConsentState } from './consent.service';
import type { ConsentHistoryResponse } from './dto/consent.response';

/** Platform administrators' access to any account's consents: checks the caller and the account, then delegates. */
@Injectable()
export class ConsentAdministration {
  constructor(private readonly consents: ConsentService) {}

  async currentFor(ctx: RequestContext, userId: string): Promise<ConsentState[]> {
    platformAdminActor(ctx);
    await this.consents.assertUserExists(ctx, userId);
    return this.consents.currentFor(userId, ctx);
  }

  async history(ctx: RequestContext, userId: string, query: Record<string, unknown>): Promise<ConsentHistoryResponse> {
    platformAdminActor(ctx);
    await this.consents.assertUserExists(ctx, userId);
    return this.consents.history(ctx, userId, query);
  }

  async record(ctx: RequestContext, userId: string, purpose: string, granted: boolean): Promise<ConsentState> {
    platformAdminActor(ctx);
    await this.consents.assertUserExists(ctx, userId);
    return this.consents.record(ctx, userId, purpose, granted, 'administrator');
  }
}
