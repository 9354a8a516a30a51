import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { WorkspacesStore } from '../../state/workspaces.store';

type Report = ResponseOf<'/api/v1/workspaces/{workspace}/compliance-report', 'get'>;

/** The workspace's compliance report: retention policies with their last runs, holds in force, the chain's status. */
@Component({
  selector: 'quire-compliance-report-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    <div class="page">
      <h1 i18n="@@report.heading">Compliance report</h1>
      @if (report(); as report) {
        <p class="note" i18n="@@report.generated">Generated {{ report.generatedAt | date: 'medium' }}</p>
        @if (markdownUrl(); as url) {
          <p>
            <a [href]="url" download data-testid="report-markdown" i18n="@@report.markdown">
              Download as a Markdown document
            </a>
          </p>
        }

        <h2 i18n="@@report.chain">Audit chain</h2>
        @if (report.auditChain; as chain) {
          @if (chain.ok) {
            <p class="result ok" data-testid="report-chain" i18n="@@report.chainOk">
              Verified {{ chain.verifiedAt | date: 'medium' }}: {{ chain.checked }} records, no broken link.
            </p>
          } @else {
            <p class="result broken" data-testid="report-chain" i18n="@@report.chainBroken">
              Verified {{ chain.verifiedAt | date: 'medium' }}: broken at sequence {{ chain.firstBroken?.sequence }}.
            </p>
          }
        } @else {
          <p class="empty" data-testid="report-chain" i18n="@@report.chainNever">
            The chain has not been verified by the scheduled check yet. The audit log's "Verify chain" checks it now.
          </p>
        }

        <h2 i18n="@@report.holds">Legal holds in force</h2>
        @if (report.legalHolds.length === 0) {
          <p class="empty" i18n="@@report.noHolds">No legal hold is in force.</p>
        } @else {
          <div class="table-wrap">
            <table data-testid="report-holds">
              <thead>
                <tr>
                  <th scope="col" i18n="@@report.holdScope">Scope</th>
                  <th scope="col" i18n="@@report.holdReason">Reason</th>
                  <th scope="col" i18n="@@report.holdPlaced">Placed</th>
                </tr>
              </thead>
              <tbody>
                @for (hold of report.legalHolds; track hold.id) {
                  <tr>
                    <td>{{ hold.scope }}</td>
                    <td>{{ hold.reason }}</td>
                    <td>{{ hold.placedAt | date: 'medium' }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }

        <h2 i18n="@@report.policies">Retention policies</h2>
        @if (report.retentionPolicies.length === 0) {
          <p class="empty" i18n="@@report.noPolicies">No retention policy is declared.</p>
        } @else {
          <div class="table-wrap">
            <table data-testid="report-policies">
              <thead>
                <tr>
                  <th scope="col" i18n="@@report.policy">Policy</th>
                  <th scope="col" i18n="@@report.policyAction">Action</th>
                  <th scope="col" i18n="@@report.lastRun">Last run</th>
                  <th scope="col" i18n="@@report.rows">Rows changed / held</th>
                </tr>
              </thead>
              <tbody>
                @for (policy of report.retentionPolicies; track policy.plugin + policy.name) {
                  <tr>
                    <td>
                      <strong>{{ policy.name }}</strong>
                      <div class="note">{{ policy.description }}</div>
                    </td>
                    <td>{{ policy.action }}</td>
                    <td>
                      @if (policy.lastRun; as run) {
                        {{ run.finishedAt | date: 'medium' }}
                        @if (run.error) {
                          <div class="warning">{{ run.error }}</div>
                        }
                      } @else {
                        <span i18n="@@report.neverRun">Not run yet</span>
                      }
                    </td>
                    <td>
                      @if (policy.lastRun; as run) {
                        {{ run.rowsAffected }} / {{ run.rowsHeld }}
                      } @else {
                        —
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      } @else if (failed()) {
        <p class="empty" i18n="@@report.failed">The compliance report could not be loaded.</p>
      } @else {
        <div aria-busy="true">
          <span class="note" role="status" i18n="@@common.loading">Loading…</span>
          <div class="skeleton"></div>
          <div class="skeleton"></div>
        </div>
      }
    </div>
  `,
  styleUrl: './compliance.scss',
})
export class ComplianceReportPage {
  private readonly api = inject(ApiClient);
  private readonly store = inject(WorkspacesStore);
  private readonly slug = computed(() => this.store.current()?.slug ?? null);
  protected readonly report = signal<Report | null>(null);
  protected readonly failed = signal(false);
  /** The same report as a document to file, downloaded with the session cookie. */
  protected readonly markdownUrl = computed(() => {
    const slug = this.slug();
    return slug ? `/api/v1/workspaces/${encodeURIComponent(slug)}/compliance-report?format=markdown` : null;
  });

  constructor() {
    effect(() => {
      const slug = this.slug();
      if (slug) void this.load(slug);
    });
  }

  private async load(slug: string): Promise<void> {
    try {
      this.report.set(
        await firstValueFrom(
          this.api.get('/api/v1/workspaces/{workspace}/compliance-report', { path: { workspace: slug } }),
        ),
      );
    } catch {
      this.failed.set(true);
    }
  }
}
