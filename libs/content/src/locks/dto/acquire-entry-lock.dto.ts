import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

export class AcquireEntryLockDto {
  @ApiPropertyOptional({
    description:
      'Take the lock over when another member holds it (the console asks first: their unsaved changes may be lost)',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  takeOver?: boolean;
}
