import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

export class ApproveDto {
  @ApiPropertyOptional({
    example: 7,
    description:
      'The entry revision the reviewer looked at: refused (409 content.workflow-approval-outdated) when the ' +
      "locale's values changed after it. Without it, the approval is of the current revision.",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;

  @ApiPropertyOptional({ example: 'Checked the facts and the links.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
