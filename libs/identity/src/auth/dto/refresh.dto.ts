import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class RefreshDto {
  /** Optional only because a browser sends it as the quire_refresh cookie instead: exactly one of the two. */
  @ApiPropertyOptional({
    description:
      'The refresh token of the last sign-in or refresh; each one works once. Leave it out when the browser sends ' +
      'it as the quire_refresh cookie (then X-CSRF-Token is required too).',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  refreshToken?: string;
}
