import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class RevisionListQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @IsOptional()
  @Matches(/^[1-9]\d{0,6}$/, { message: 'page must be an integer of at least 1' })
  page?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Matches(/^(100|[1-9]\d?)$/, { message: 'pageSize must be an integer from 1 to 100' })
  pageSize?: string;
}

export class RevisionCompareQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'The revision to compare from; default: the one before `to` (nothing before the first)',
  })
  @IsOptional()
  @Matches(/^[1-9]\d{0,8}$/, { message: 'from must be a revision number (an integer of at least 1)' })
  from?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'The revision to compare to; default: the latest' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,8}$/, { message: 'to must be a revision number (an integer of at least 1)' })
  to?: string;
}
