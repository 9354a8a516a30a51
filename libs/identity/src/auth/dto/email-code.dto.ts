import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class EmailCodeRequestDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'ada@example.com' })
  @Transform(trim)
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;
}

export class EmailCodeVerifyDto extends EmailCodeRequestDto {
  @ApiProperty({ pattern: '^[0-9]{6}$', example: '482913', description: 'The 6-digit code from the mail' })
  @Transform(trim)
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits from the mail' })
  code!: string;
}
