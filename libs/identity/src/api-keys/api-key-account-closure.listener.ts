import { Injectable, Logger } from '@nestjs/common';
import { OnQuireEvent, type QuireEvent, type RequestContext } from '@quire/core';
import '../accounts/account.events';
import { ApiKeyService } from './api-key.service';

/**
 * Revokes the API keys a user created when they close their account. Keys already stop working the moment the
 * closure commits (the verifier refuses keys whose creator's account is closed); this makes it durable, visible
 * in the key list and audited, and is a no-op when the closure already revoked them in its own transaction.
 */
@Injectable()
export class ApiKeyAccountClosureListener {
  private readonly logger = new Logger(ApiKeyAccountClosureListener.name);

  constructor(private readonly keys: ApiKeyService) {}

  @OnQuireEvent('identity.account.closed')
  async onAccountClosed(event: QuireEvent<'identity.account.closed'>, ctx: RequestContext): Promise<void> {
    const revoked = await this.keys.revokeAllCreatedBy(ctx, event.payload.userId);
    if (revoked.length > 0) {
      this.logger.log(`Revoked ${revoked.length} API key(s) of closed account ${event.payload.userId}`);
    }
  }
}
