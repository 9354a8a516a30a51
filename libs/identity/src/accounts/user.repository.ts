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

  /**
   * The account, its row locked until the context's transaction ends: changes that read before they write
   * (profile merge, password change, closure) then never interleave. Needs a transaction.
   */
  findByIdForUpdate(ctx: RequestContext, id: string): Promise<User | null> {
    return this.db
      .manager(ctx)
      .getRepository(User)
      .createQueryBuilder('user')
      .setLock('pessimistic_write')
      .where('user.id = :id', { id })
      .getOne();
  }

  async updatePasswordHash(ctx: RequestContext, id: string, passwordHash: string): Promise<void> {
    await this.db.manager(ctx).getRepository(User).update({ id }, { passwordHash });
  }

  /** True when this call verified it; false when it was already verified (the first time is kept). */
  async markEmailVerified(ctx: RequestContext, id: string): Promise<boolean> {
    const result = (await this.db.manager(ctx).query(
      `UPDATE identity_users SET email_verified_at = now(), updated_at = now()
        WHERE id = $1 AND email_verified_at IS NULL RETURNING id`,
      [id],
    )) as [unknown[], number];
    return result[0].length > 0;
  }

  async updateProfile(ctx: RequestContext, id: string, changes: ProfileChanges): Promise<void> {
    await this.db.manager(ctx).getRepository(User).update({ id }, changes);
  }

  /** Marks the account closed; false when it already was. */
  async close(ctx: RequestContext, id: string): Promise<boolean> {
    const result = (await this.db
      .manager(ctx)
      .query(
        `UPDATE identity_users SET closed_at = now(), updated_at = now() WHERE id = $1 AND closed_at IS NULL RETURNING id`,
        [id],
      )) as [unknown[], number];
    return result[0].length > 0;
  }
}

export type ProfileChanges = Partial<Pick<User, 'displayName' | 'avatarUrl' | 'preferences'>>;

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
