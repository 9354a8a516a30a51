import { Injectable, Logger } from '@nestjs/common';
import { EventBus, fieldChanges, TenantDataSource, type Changes, type RequestContext } from '@quire/core';
import type { UserPreferences } from '../entities/user.entity';
import type { SignUpResponse } from '../auth/dto/auth-tokens.response';
import { sessionActor } from '../auth/session-actor';
import { AccountRegistration } from './account-registration';
import { EmailTakenError } from './account.errors';
import './account.events';
import type { SignUpDto } from './dto/sign-up.dto';
import type { UpdatePreferencesDto, UpdateProfileDto } from './dto/update-profile.dto';
import { toUserResponse, type UserResponse } from './dto/user.response';
import { EmailVerificationService } from './email-verification.service';
import { UserRepository, type ProfileChanges } from './user.repository';

@Injectable()
export class AccountService {
  private readonly logger = new Logger(AccountService.name);

  constructor(
    private readonly db: TenantDataSource,
    private readonly users: UserRepository,
    private readonly registration: AccountRegistration,
    private readonly verification: EmailVerificationService,
    private readonly events: EventBus,
  ) {}

  /**
   * Creates an account with a password and signs it in. The account, its email-verification token and the
   * verification mail are written in one transaction: a failure leaves none of them.
   */
  async signUp(ctx: RequestContext, dto: SignUpDto): Promise<SignUpResponse> {
    this.registration.assertAcceptable(dto);
    // Early answer without hashing; the unique index still decides under concurrency (create).
    if (await this.registration.emailTaken(ctx, dto.email)) throw new EmailTakenError();
    const prepared = await this.registration.prepare(dto);

    const userId = await this.db.transaction(ctx, async (tx) => {
      const id = await this.registration.create(tx, prepared);
      await this.verification.issue(tx, prepared.user);
      return id;
    });
    this.logger.log(`Account ${userId} signed up`);
    return this.registration.startSession(ctx, userId);
  }

  async me(ctx: RequestContext): Promise<UserResponse> {
    const { userId } = sessionActor(ctx);
    // The kernel guard only lets live sessions of open accounts through, so the row exists.
    const user = await this.users.findById(ctx, userId);
    if (!user) throw new Error(`Authenticated user ${userId} has no account row`);
    return toUserResponse(user);
  }

  /**
   * Changes the members present in the request; preferences are merged (a `null` theme or language returns to
   * the default, notification kinds are merged one by one). The row is locked while merging, so two concurrent
   * updates of different preferences both survive. Nothing changed: no write and no event.
   */
  async updateProfile(ctx: RequestContext, dto: UpdateProfileDto): Promise<UserResponse> {
    const { userId } = sessionActor(ctx);
    return this.db.transaction(ctx, async (tx) => {
      const user = await this.users.findByIdForUpdate(tx, userId);
      if (!user) throw new Error(`Authenticated user ${userId} has no account row`);

      const changes: ProfileChanges = {};
      const fields: string[] = [];
      // Before/after of each changed field for the audit log; preferences one by one, as `fields` names them.
      let diff: Changes = {};
      if (dto.displayName !== undefined && dto.displayName !== user.displayName) {
        changes.displayName = dto.displayName;
        fields.push('displayName');
      }
      if (dto.avatarUrl !== undefined && dto.avatarUrl !== user.avatarUrl) {
        changes.avatarUrl = dto.avatarUrl;
        fields.push('avatarUrl');
      }
      if (dto.preferences) {
        const merged = mergePreferences(user.preferences ?? {}, dto.preferences);
        if (merged.changed.length > 0) {
          changes.preferences = merged.preferences;
          fields.push(...merged.changed.map((name) => `preferences.${name}`));
          const changed = fieldChanges(user.preferences ?? {}, merged.preferences, merged.changed);
          for (const [name, change] of Object.entries(changed)) diff[`preferences.${name}`] = change;
        }
      }
      if (fields.length === 0) return toUserResponse(user);
      const profileFields = (['displayName', 'avatarUrl'] as const).filter((field) => field in changes);
      diff = { ...fieldChanges<ProfileChanges>(user, changes, profileFields), ...diff };

      await this.users.updateProfile(tx, user.id, changes);
      await this.events.publish(tx, 'identity.profile.updated', { userId: user.id, fields, changes: diff });
      return toUserResponse(Object.assign(user, changes));
    });
  }
}

/** The stored preferences with the update applied, and the names of the preferences that changed. */
function mergePreferences(
  current: UserPreferences,
  update: UpdatePreferencesDto,
): { preferences: UserPreferences; changed: Array<keyof UserPreferences> } {
  const preferences: UserPreferences = { ...current };
  const changed: Array<keyof UserPreferences> = [];
  for (const name of ['theme', 'language'] as const) {
    const value = update[name];
    if (value === undefined || value === (current[name] ?? null)) continue;
    if (value === null) delete preferences[name];
    else Object.assign(preferences, { [name]: value });
    changed.push(name);
  }
  if (update.notifications) {
    const notifications = { ...current.notifications, ...update.notifications };
    const before = current.notifications ?? {};
    if (Object.entries(notifications).some(([kind, enabled]) => before[kind] !== enabled)) {
      preferences.notifications = notifications;
      changed.push('notifications');
    }
  }
  return { preferences, changed };
}
