import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class MoveStageDto {
  @ApiProperty({ example: 'review', description: "Key of a stage of the workflow governing the entry's type" })
  @IsString()
  @Length(1, 40)
  stage!: string;
}
