import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { IsDisplayName } from './display-name.decorator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class SignUpDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'ada@example.com' })
  @Transform(trim)
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  /** Length and strength are the password policy's (every problem listed with path `password`). */
  @ApiProperty({ minLength: 12, maxLength: 128, description: 'Checked by the installation password policy' })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Ada Lovelace' })
  @IsDisplayName()
  displayName!: string;
}
