import { Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module';
import { EntryLockStore } from './entry-lock-store';
import { EntryLockService } from './entry-lock.service';
import { EntryLocksController } from './entry-locks.controller';

/** Soft locks of entries being edited, with heartbeat, takeover and expiry (docs/content/locking.md). */
@Module({
  imports: [EntriesModule],
  controllers: [EntryLocksController],
  providers: [EntryLockStore, EntryLockService],
})
export class EntryLocksModule {}
