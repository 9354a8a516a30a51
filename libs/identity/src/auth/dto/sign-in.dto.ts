import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class SignInDto {
  /** Not checked as an email here: any string gets the same "invalid credentials" answer as a wrong one. */
  @ApiProperty({ format: 'email', maxLength: 254, example: 'ada@example.com' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email!: string;

  /** Bounded so that nobody can make the server hash a megabyte. */
  @ApiProperty({ maxLength: 1024 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}
