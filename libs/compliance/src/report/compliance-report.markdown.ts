import type { LegalHoldResponse } from '../legal-holds/dto/legal-hold.response';
import type { RetentionKeepResponse } from '../retention/dto/retention-policy.response';
import type {
  ChainVerificationResponse,
  InstallationComplianceReportResponse,
  ReportPolicyResponse,
  WorkspaceComplianceReportResponse,
} from './dto/compliance-report.response';

/** The installation's compliance report as a Markdown document an auditor can file. */
export function installationReportMarkdown(report: InstallationComplianceReportResponse): string {
  const { auditChains: chains, dataSubjectRequests: requests } = report;
  return [
    '# Compliance report',
    '',
    `Generated ${report.generatedAt}.`,
    '',
    '## Audit log integrity',
    '',
    `${chains.chains} chain(s); ${chains.verified} passed their latest verification, ${chains.failing.length} failed, ` +
      `${chains.notVerified} not verified yet.`,
    '',
    ...chainTable([...(chains.installation ? [chains.installation] : []), ...chains.failing]),
    '## Retention policies',
    '',
    ...policyTable(report.retentionPolicies),
    '## Legal holds in force',
    '',
    ...holdTable(report.legalHolds),
    '## Data-subject requests',
    '',
    `${requests.open} open, ${requests.overdue} overdue (due 30 days after receipt).`,
    '',
    ...table(
      ['Type', 'Open', 'Overdue'],
      requests.byType.map((row) => [row.type, String(row.open), String(row.overdue)]),
    ),
    ...(requests.overdueRequests.length === 0
      ? []
      : [
          '### Overdue',
          '',
          ...table(
            ['Request', 'Type', 'Status', 'Person', 'Due'],
            requests.overdueRequests.map((r) => [r.id, r.type, r.status, r.userId, r.dueAt]),
          ),
        ]),
  ].join('\n');
}

/** One workspace's compliance report as Markdown. */
export function workspaceReportMarkdown(report: WorkspaceComplianceReportResponse): string {
  return [
    `# Compliance report — workspace ${report.workspaceId}`,
    '',
    `Generated ${report.generatedAt}.`,
    '',
    '## Audit log integrity',
    '',
    ...(report.auditChain
      ? chainTable([report.auditChain])
      : ['Not verified yet: the daily verification has not run.', '']),
    '## Retention policies',
    '',
    ...policyTable(report.retentionPolicies),
    '## Legal holds in force',
    '',
    ...holdTable(report.legalHolds),
  ].join('\n');
}

function chainTable(rows: ChainVerificationResponse[]): string[] {
  return table(
    ['Chain', 'Verified at', 'Result', 'Records', 'First broken link'],
    rows.map((v) => [
      v.chainKey,
      v.verifiedAt,
      v.ok ? 'ok' : 'FAILED',
      String(v.checked),
      v.firstBroken ? `sequence ${v.firstBroken.sequence} (${v.firstBroken.reason})` : '',
    ]),
  );
}

function policyTable(policies: ReportPolicyResponse[]): string[] {
  return table(
    ['Policy', 'Table', 'Action', 'Keeps', 'Last run', 'Rows', 'Spared by holds', 'Error'],
    policies.map((p) => [
      p.name,
      p.table,
      p.action,
      keepText(p.keep),
      p.lastRun?.finishedAt ?? 'never',
      p.lastRun ? String(p.lastRun.rowsAffected) : '',
      p.lastRun ? String(p.lastRun.rowsHeld) : '',
      p.lastRun?.error ?? '',
    ]),
  );
}

function holdTable(holds: LegalHoldResponse[]): string[] {
  return table(
    ['Hold', 'Scope', 'Covers', 'Reason', 'Placed'],
    holds.map((h) => [h.id, h.scope, holdCovers(h), h.reason, `${h.placedAt} by ${h.placedBy}`]),
  );
}

function holdCovers(hold: LegalHoldResponse): string {
  const parts = [
    hold.workspaceId ? `workspace ${hold.workspaceId}` : '',
    hold.userId ? `user ${hold.userId}` : '',
    hold.heldFrom || hold.heldUntil ? `${hold.heldFrom ?? '…'} to ${hold.heldUntil ?? '…'}` : '',
  ];
  return parts.filter(Boolean).join(', ') || 'installation';
}

function keepText(keep: RetentionKeepResponse): string {
  if (keep.byPlan) {
    return Object.entries(keep.byPlan)
      .map(([plan, days]) => `${days} days (${plan})`)
      .join(', ');
  }
  return keep.days === undefined ? keep.kind : `${keep.days} days`;
}

function table(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['None.', ''];
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ];
}
