import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';
import { QueryFailedError } from 'typeorm';
import { User } from '../entities/user.entity';
import { emailLookupKey } from './email';

/** The unique index on lower(email), created by the identity migration. */
const EMAIL_UNIQUE_INDEX = 'identity_users_email';

/** Accounts (installation-wide, not tenant-owned): joins the context's transaction when there is one. */
@Injectable()
export class UserRepository {
  constructor(private readonly db: TenantDataSource) {}

  findById(ctx: RequestContext, id: string): Promise<User | null> {
    return this.db.manager(ctx).getRepository(User).findOneBy({ id });
  }

  /** Case-insensitive, through the `lower(email)` index. Closed accounts are returned too: callers decide. */
  findByEmail(ctx: RequestContext, email: string): Promise<User | null> {
    return this.db
      .manager(ctx)
      .getRepository(User)
      .createQueryBuilder('user')
      .where('lower(user.email) = :email', { email: emailLookupKey(email) })
      .getOne();
  }

  /** Inserts the account; false when its email is taken (the unique index decides, so races are covered). */
  async insert(ctx: RequestContext, user: User): Promise<boolean> {
    try {
      await this.db.manager(ctx).getRepository(User).insert(user);
      return true;
    } catch (error) {
      if (isUniqueViolation(error, EMAIL_UNIQUE_INDEX)) return false;
      throw error;
    }
  }

  async updatePasswordHash(ctx: RequestContext, id: string, passwordHash: string): Promise<void> {
    await this.db.manager(ctx).getRepository(User).update({ id }, { passwordHash });
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
