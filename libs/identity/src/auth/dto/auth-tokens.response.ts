import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UserResponse } from '../../accounts/dto/user.response';
import type { IssuedSession } from '../../sessions/session.service';

/**
 * With `Quire-Token-Delivery: cookie` (browsers) the tokens are set as httpOnly cookies instead and the body has
 * `csrfToken` in their place (see TokenDeliveryInterceptor).
 */
export class AuthTokensResponse {
  @ApiProperty({
    description: 'Short-lived JWT: send it as `Authorization: Bearer <token>`. Absent with cookie delivery.',
  })
  accessToken!: string;
  @ApiProperty({
    description: 'Exchange it at POST /auth/refresh; it rotates on every use. Shown once. Absent with cookie delivery.',
  })
  refreshToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires', example: 600 })
  expiresIn!: number;
  @ApiPropertyOptional({
    description:
      'Only with cookie delivery: send it as `X-CSRF-Token` on every POST, PUT, PATCH and DELETE (it is also the ' +
      'value of the readable quire_csrf cookie).',
  })
  csrfToken?: string;
}

export class SignUpResponse extends AuthTokensResponse {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
}

/** First step accepted, but the account has 2FA: a second step is needed before tokens are issued. */
export class TwoFactorRequiredResponse {
  @ApiProperty({ enum: [true] }) twoFactorRequired!: true;
  @ApiProperty({
    description:
      'Send it with the authenticator code or a recovery code to POST /auth/two-factor. Works once, for 5 minutes ' +
      'and 5 wrong codes; then sign in again.',
  })
  challengeToken!: string;
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
