import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';
import { hashToken } from '../credentials/token-hash';
import { OneTimeCode, type OneTimeCodePurpose } from '../entities/one-time-code.entity';
import { emailLookupKey } from './email';

export interface NewOneTimeCode {
  email: string;
  userId: string | null;
  purpose: OneTimeCodePurpose;
  /** The secret sent by mail; only its SHA-256 is stored. */
  secret: string;
  expiresAt: Date;
}

@Injectable()
export class OneTimeCodeRepository {
  constructor(private readonly db: TenantDataSource) {}

  async insert(ctx: RequestContext, code: NewOneTimeCode): Promise<void> {
    const repository = this.db.manager(ctx).getRepository(OneTimeCode);
    await repository.insert(
      repository.create({
        email: emailLookupKey(code.email),
        userId: code.userId,
        purpose: code.purpose,
        codeHash: hashToken(code.secret),
        expiresAt: code.expiresAt,
        attempts: 0,
        consumedAt: null,
      }),
    );
  }
}
