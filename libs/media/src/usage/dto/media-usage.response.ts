import { ApiProperty } from '@nestjs/swagger';

export class MediaUsageResponse {
  @ApiProperty({ description: "Bytes stored: the sum of the assets' sizes (a file uploaded twice counts once)" })
  usedBytes!: number;
  @ApiProperty({ description: "The workspace plan's storage limit in bytes; an upload past it is a 413" })
  limitBytes!: number;
  @ApiProperty({ description: 'Bytes left before the limit' })
  remainingBytes!: number;
  @ApiProperty({ description: 'Number of assets' })
  assets!: number;
}
