import { ApiProperty } from '@nestjs/swagger';
import { UserResponse } from '../../accounts/dto/user.response';
import type { IssuedSession } from '../../sessions/session.service';

export class AuthTokensResponse {
  @ApiProperty({ description: 'Short-lived JWT: send it as `Authorization: Bearer <token>`' })
  accessToken!: string;
  @ApiProperty({ description: 'Exchange it at POST /auth/refresh; it rotates on every use. Shown once.' })
  refreshToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires', example: 600 })
  expiresIn!: number;
}

export class SignUpResponse extends AuthTokensResponse {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
}

/** Password accepted, but the account has 2FA: a second step is needed before tokens are issued. */
export class TwoFactorRequiredResponse {
  @ApiProperty({ enum: [true] }) twoFactorRequired!: true;
}

/**
 * `expiresIn` is the token's lifetime (exp − iat): the session's last_seen_at is the instant the tokens were issued,
 * and `exp` counts from that instant truncated to the second, hence the ceiling.
 */
export function toAuthTokensResponse(issued: IssuedSession): AuthTokensResponse {
  const issuedAt = issued.session.lastSeenAt.getTime();
  return {
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    expiresIn: Math.max(0, Math.ceil((issued.accessTokenExpiresAt.getTime() - issuedAt) / 1000)),
  };
}
