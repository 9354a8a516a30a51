import { Module } from '@nestjs/common';
import { IdentityModule } from '@quire/identity';
import { AuditLogPurgeExecutor } from './audit-log/audit-log-purge.executor';
import { AuditLogController } from './audit-log/audit-log.controller';
import { AuditLogService } from './audit-log/audit-log.service';
import { AuditRecorder } from './audit-log/audit-recorder';
import { AuditSealer } from './audit-log/audit-sealer';
import { InstallationAuditLogController } from './audit-log/installation-audit-log.controller';
import { AuditChainVerificationJob } from './report/audit-chain-verification.job';
import { AuditChainVerifications } from './report/audit-chain-verifications';
import { ComplianceReportController } from './report/compliance-report.controller';
import { ComplianceReportService } from './report/compliance-report.service';
import { DataSubjectRequestSummary } from './report/data-subject-request-summary';
import { InstallationComplianceReportController } from './report/installation-compliance-report.controller';
import { ConsentAdministration } from './consent/consent-administration';
import { ConsentPurposes } from './consent/consent-purposes';
import { ConsentRecordsPurgeExecutor } from './consent/consent-records-purge.executor';
import { ConsentService } from './consent/consent.service';
import { MyConsentsController } from './consent/my-consents.controller';
import { UserConsentsController } from './consent/user-consents.controller';
import { AdministratorRequestsController } from './data-subject-requests/administrator-requests.controller';
import { AppliedRequests } from './data-subject-requests/applied-requests';
import { DataSubjectRequestService } from './data-subject-requests/data-subject-request.service';
import { ErasureRunner } from './data-subject-requests/erasure/erasure.runner';
import { ExportDelivery } from './data-subject-requests/export/export-delivery';
import { SelfServiceRequestsController } from './data-subject-requests/self-service-requests.controller';
import { SubjectTableCatalog } from './data-subject-requests/subject-table-catalog';
import { DataInventoryController } from './inventory/data-inventory.controller';
import { DataInventoryService } from './inventory/data-inventory.service';
import { InstallationDataInventoryController } from './inventory/installation-data-inventory.controller';
import { InstallationLegalHoldsController } from './legal-holds/installation-legal-holds.controller';
import { LegalHoldsController } from './legal-holds/legal-holds.controller';
import { LegalHolds } from './legal-holds/legal-holds';
import { RetentionBatchRunner } from './retention/retention-batch-runner';
import { RetentionEngine } from './retention/retention-engine';
import { RetentionReport } from './retention/retention-report';
import { RetentionRunRecorder } from './retention/retention-run-recorder';
import { RetentionController } from './retention/retention.controller';
import { RetentionJob } from './retention/retention.job';
import { SystemLogRecorder } from './system-logs/system-log.recorder';
import { SystemLogsController } from './system-logs/system-logs.controller';
import { SystemLogsService } from './system-logs/system-logs.service';

@Module({
  imports: [IdentityModule],
  controllers: [
    AuditLogController,
    InstallationAuditLogController,
    ComplianceReportController,
    InstallationComplianceReportController,
    DataInventoryController,
    InstallationDataInventoryController,
    MyConsentsController,
    UserConsentsController,
    SystemLogsController,
    RetentionController,
    LegalHoldsController,
    InstallationLegalHoldsController,
    SelfServiceRequestsController,
    AdministratorRequestsController,
  ],
  providers: [
    AuditRecorder,
    AuditSealer,
    AuditChainVerifications,
    AuditChainVerificationJob,
    DataSubjectRequestSummary,
    ComplianceReportService,
    AuditLogService,
    AuditLogPurgeExecutor,
    DataInventoryService,
    ConsentPurposes,
    ConsentService,
    ConsentAdministration,
    ConsentRecordsPurgeExecutor,
    SystemLogRecorder,
    SystemLogsService,
    RetentionBatchRunner,
    RetentionRunRecorder,
    RetentionEngine,
    RetentionJob,
    RetentionReport,
    LegalHolds,
    SubjectTableCatalog,
    DataSubjectRequestService,
    AppliedRequests,
    ErasureRunner,
    ExportDelivery,
  ],
  exports: [ConsentService, LegalHolds, RetentionEngine, RetentionReport],
})
export class ComplianceModule {}
