import { Module } from '@nestjs/common';
import { AuditLogPurgeJob } from './audit-log/audit-log-purge.job';
import { AuditLogController } from './audit-log/audit-log.controller';
import { AuditLogService } from './audit-log/audit-log.service';
import { AuditRecorder } from './audit-log/audit-recorder';
import { DataInventoryController } from './inventory/data-inventory.controller';
import { DataInventoryService } from './inventory/data-inventory.service';
import { InstallationDataInventoryController } from './inventory/installation-data-inventory.controller';

@Module({
  controllers: [AuditLogController, DataInventoryController, InstallationDataInventoryController],
  providers: [AuditRecorder, AuditLogService, AuditLogPurgeJob, DataInventoryService],
})
export class ComplianceModule {}
