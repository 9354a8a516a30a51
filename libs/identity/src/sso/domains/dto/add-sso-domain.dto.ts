import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class AddSsoDomainDto {
  @ApiProperty({ maxLength: 253, example: 'example.com', description: 'An email domain, e.g. example.com' })
  @IsString()
  @MaxLength(300)
  domain!: string;
}
