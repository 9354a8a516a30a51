import { ApiProperty } from '@nestjs/swagger';
import type { User } from '../../entities/user.entity';

/** An account as platform administrators see it: identity and security state, never a credential. */
export class AdminUserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() emailVerified!: boolean;
  @ApiProperty() twoFactorEnabled!: boolean;
  @ApiProperty({ description: 'Installation-wide administrator (not a workspace role)' }) platformAdmin!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set when the account is closed' })
  closedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AdminUserListMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class AdminUserListResponse {
  @ApiProperty({ type: [AdminUserResponse], description: 'Only the requested `fields`, when given' })
  data!: Array<Partial<AdminUserResponse>>;
  @ApiProperty({ type: AdminUserListMeta }) meta!: AdminUserListMeta;
}

export function toAdminUserResponse(user: User): AdminUserResponse {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    emailVerified: user.emailVerifiedAt !== null,
    twoFactorEnabled: user.totpEnabledAt !== null,
    platformAdmin: user.platformAdmin,
    closedAt: user.closedAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
