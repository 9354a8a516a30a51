import { ApiProperty } from '@nestjs/swagger';
import type { Session } from '../../entities/session.entity';

/** A signed-in device; never its refresh-token hash or family. */
export class SessionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ description: 'The session of the access token that made this request' }) current!: boolean;
  @ApiProperty({
    description: 'A platform administrator acting as you (for support); it ends by itself at expiresAt',
  })
  impersonation!: boolean;
}

export function toSessionResponse(session: Session, currentSessionId: string | undefined): SessionResponse {
  return {
    id: session.id,
    ip: session.ip,
    userAgent: session.userAgent,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    current: session.id === currentSessionId,
    impersonation: session.impersonatorId !== null,
  };
}
