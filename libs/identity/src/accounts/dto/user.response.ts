import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { User, UserPreferences } from '../../entities/user.entity';

export class UserPreferencesResponse {
  @ApiPropertyOptional({ enum: ['light', 'dark', 'system'] }) theme?: 'light' | 'dark' | 'system';
  @ApiPropertyOptional({ example: 'en' }) language?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'boolean' } })
  notifications?: Record<string, boolean>;
}

/** An account as its owner sees it: never the password hash or the TOTP secret. */
export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) avatarUrl!: string | null;
  @ApiProperty() emailVerified!: boolean;
  @ApiProperty() twoFactorEnabled!: boolean;
  @ApiProperty({
    description:
      'A platform administrator of the installation (QUIRE_PLATFORM_ADMINS); its powers need a session started since',
  })
  platformAdmin!: boolean;
  @ApiProperty({ type: UserPreferencesResponse }) preferences!: UserPreferences;
}

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    avatarUrl: user.avatarUrl,
    emailVerified: user.emailVerifiedAt !== null,
    twoFactorEnabled: user.totpEnabledAt !== null,
    platformAdmin: user.platformAdmin,
    preferences: user.preferences ?? {},
  };
}
