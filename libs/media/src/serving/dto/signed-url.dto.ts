import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

export class CreateSignedUrlDto {
  @ApiPropertyOptional({
    minimum: 10,
    description: 'Lifetime in seconds; default and maximum from the installation (MediaOptions: 300 and 86400)',
    example: 300,
  })
  @IsOptional()
  @IsInt()
  @Min(10)
  expiresInSeconds?: number;
}

export class SignedUrlResponse {
  @ApiProperty({
    description: 'The delivery URL with expires and signature: works for anyone holding it until expiresAt',
    example: 'https://cms.example.com/api/v1/delivery/0193…/media/0193…/report.pdf?expires=1767225600&signature=…',
  })
  url!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

/** `?expires=…&signature=…` of a signed delivery URL; both or neither. */
export class DeliveryQuery {
  @ApiPropertyOptional({ description: 'Unix seconds, from a signed URL' })
  @IsOptional()
  expires?: string;

  @ApiPropertyOptional({ description: 'From a signed URL' })
  @IsOptional()
  signature?: string;
}
