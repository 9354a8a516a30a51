import { ApiProperty } from '@nestjs/swagger';

export class EntryLockHolderResponse {
  @ApiProperty({ format: 'uuid', description: 'User id of the member' }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Ada Lovelace' }) displayName!: string | null;
}

export class EntryLockResponse {
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty({ type: EntryLockHolderResponse }) holder!: EntryLockHolderResponse;
  @ApiProperty({ description: 'Whether the caller holds it (from any of their sessions)' }) heldByYou!: boolean;
  @ApiProperty({ format: 'date-time', description: 'When the holder took it (heartbeats keep this)' })
  acquiredAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Last heartbeat (PUT) of the holder' }) heartbeatAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When it becomes free without another heartbeat' })
  expiresAt!: string;
  @ApiProperty({ example: 120, description: 'Lifetime a heartbeat gives; send one every quarter of it or so' })
  ttlSeconds!: number;
}

export class EntryLockStateResponse {
  @ApiProperty({ type: EntryLockResponse, nullable: true, description: 'null: nobody holds a live lock' })
  lock!: EntryLockResponse | null;
}

export class PreviousLockHolderResponse extends EntryLockHolderResponse {
  @ApiProperty({ format: 'date-time', description: 'When their lock would have expired' }) expiresAt!: string;
}

export class AcquireEntryLockResponse {
  @ApiProperty({ type: EntryLockResponse }) lock!: EntryLockResponse;
  @ApiProperty({
    type: PreviousLockHolderResponse,
    nullable: true,
    description: 'Set when the lock was taken over from another member',
  })
  previousHolder!: PreviousLockHolderResponse | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Set with previousHolder: what to tell the editor',
    example: 'You took over the lock from Ada Lovelace; changes they have not saved yet may be lost.',
  })
  warning!: string | null;
}
