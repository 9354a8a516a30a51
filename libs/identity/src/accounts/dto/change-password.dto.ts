import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ChangePasswordDto {
  /** Bounded so that nobody can make the server hash a megabyte. */
  @ApiProperty({ maxLength: 1024 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  currentPassword!: string;

  /** Length and strength are the password policy's (every problem listed with path `newPassword`). */
  @ApiProperty({ minLength: 12, maxLength: 128, description: 'Checked by the installation password policy' })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}
