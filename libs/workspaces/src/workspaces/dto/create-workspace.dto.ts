import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { trim, WorkspaceFieldsDto } from './workspace-fields.dto';

export class CreateWorkspaceDto extends WorkspaceFieldsDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Acme Corporation' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({
    example: 'acme',
    description: 'Lower-case kebab-case, 3–48 characters; reserved words (api, admin, auth, me, …) are refused',
  })
  @IsString()
  @MaxLength(200)
  slug!: string;
}
