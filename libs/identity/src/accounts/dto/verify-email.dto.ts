import { ApiProperty } from '@nestjs/swagger';
import { IsLinkToken } from './link-token.decorator';

export class VerifyEmailDto {
  @ApiProperty({ description: 'The `token` query parameter of the link in the verification mail' })
  @IsLinkToken()
  token!: string;
}
