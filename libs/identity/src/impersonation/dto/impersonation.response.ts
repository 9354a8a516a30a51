import { ApiProperty } from '@nestjs/swagger';
import { AuthTokensResponse } from '../../auth/dto/auth-tokens.response';

/** The impersonation session's tokens (as cookies instead, on `Quire-Token-Delivery: cookie`), and its terms. */
export class ImpersonationStartedResponse extends AuthTokensResponse {
  @ApiProperty({ format: 'uuid', description: 'The account acted as' }) userId!: string;
  @ApiProperty({ format: 'uuid', description: 'The platform administrator acting' }) impersonatorId!: string;
  @ApiProperty({ format: 'date-time', description: 'When the impersonation ends by itself; refresh never extends it' })
  expiresAt!: string;
}
