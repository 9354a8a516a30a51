import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsInt, IsOptional, Min } from 'class-validator';

/** The range to verify: by sequence, by time, or both (ANDed); empty verifies the whole chain. */
export class AuditVerifyDto {
  @ApiPropertyOptional({ example: 1, description: 'First sequence to check (inclusive)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  fromSequence?: number;

  @ApiPropertyOptional({ example: 1000, description: 'Last sequence to check (inclusive)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  toSequence?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'Records that occurred at or after this time' })
  @IsOptional()
  @IsDateString()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Records that occurred at or before this time' })
  @IsOptional()
  @IsDateString()
  to?: string;
}

export class AuditBrokenLinkResponse {
  @ApiProperty({ description: 'Sequence of the first record that does not verify' }) sequence!: number;
  @ApiProperty({
    enum: ['hash-mismatch', 'link-mismatch', 'missing-record'],
    description:
      'hash-mismatch: the record was changed (its content no longer gives its hash); link-mismatch: its prevHash is ' +
      'not the previous record’s hash; missing-record: the sequence has a gap (a record was removed)',
  })
  reason!: 'hash-mismatch' | 'link-mismatch' | 'missing-record';
  @ApiProperty({ description: 'The hash the chain says it should have' }) expectedHash!: string;
  @ApiProperty({ description: 'The hash stored' }) storedHash!: string;
}

export class AuditVerifyResponse {
  @ApiProperty({ description: 'True when every record of the range verifies' }) ok!: boolean;
  @ApiProperty({ description: 'Records checked' }) checked!: number;
  @ApiProperty({ type: Number, nullable: true }) fromSequence!: number | null;
  @ApiProperty({ type: Number, nullable: true }) toSequence!: number | null;
  @ApiProperty({ type: AuditBrokenLinkResponse, nullable: true }) firstBroken!: AuditBrokenLinkResponse | null;
}
