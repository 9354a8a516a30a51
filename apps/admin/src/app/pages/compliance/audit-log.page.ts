import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { WorkspacesStore } from '../../state/workspaces.store';
import { auditLogExportUrl, auditLogFilter, NO_FILTERS, type AuditLogFilters } from './audit-log-filters';

type AuditPage = ResponseOf<'/api/v1/workspaces/{workspace}/audit-log', 'get'>;
type Verification = ResponseOf<'/api/v1/workspaces/{workspace}/audit-log/verify', 'post'>;

/**
 * The workspace's audit log: server-paged, filtered and sorted by time, each record's details (changes, IP, user
 * agent, request id, sequence, hash) on demand, CSV / JSON Lines export of what the filters select, and a check of
 * the hash chain. Routed to members whose rules allow `read AuditLog`.
 */
@Component({
  selector: 'quire-audit-log-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, DatePipe, JsonPipe, MatButton, MatFormField, MatLabel, MatInput, MatPaginator],
  templateUrl: './audit-log.page.html',
  styleUrl: './compliance.scss',
})
export class AuditLogPage {
  private readonly api = inject(ApiClient);
  protected readonly store = inject(WorkspacesStore);

  protected readonly filters = signal<AuditLogFilters>(NO_FILTERS);
  protected readonly page = signal(1);
  protected readonly pageSize = signal(25);
  protected readonly newestFirst = signal(true);
  protected readonly result = signal<AuditPage | null>(null);
  protected readonly loading = signal(true);
  protected readonly failed = signal(false);
  protected readonly openId = signal<string | null>(null);
  protected readonly verifying = signal(false);
  protected readonly verification = signal<Verification | null>(null);

  protected readonly form = new FormGroup({
    actorId: new FormControl('', { nonNullable: true }),
    action: new FormControl('', { nonNullable: true }),
    subjectType: new FormControl('', { nonNullable: true }),
    subjectId: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });

  private readonly slug = computed(() => this.store.current()?.slug ?? null);
  protected readonly csvUrl = computed(() => this.exportUrl('csv'));
  protected readonly jsonlUrl = computed(() => this.exportUrl('jsonl'));

  constructor() {
    // Reload whenever the workspace, the filters, the page or the order change.
    effect(() => {
      const slug = this.slug();
      if (!slug) return;
      void this.load(slug, this.filters(), this.page(), this.pageSize(), this.newestFirst());
    });
  }

  private exportUrl(format: 'csv' | 'jsonl'): string | null {
    const slug = this.slug();
    return slug ? auditLogExportUrl(slug, format, this.filters()) : null;
  }

  private async load(
    slug: string,
    filters: AuditLogFilters,
    page: number,
    pageSize: number,
    newestFirst: boolean,
  ): Promise<void> {
    this.loading.set(true);
    this.failed.set(false);
    try {
      const result = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/audit-log', {
          path: { workspace: slug },
          query: {
            page,
            pageSize,
            sort: newestFirst ? '-occurredAt' : 'occurredAt',
            filter: auditLogFilter(filters),
          },
        }),
      );
      this.result.set(result);
    } catch {
      // The problem interceptor has shown the API's problem as a toast.
      this.failed.set(true);
      this.result.set(null);
    } finally {
      this.loading.set(false);
    }
  }

  protected applyFilters(): void {
    this.page.set(1);
    this.filters.set(this.form.getRawValue());
  }

  protected clearFilters(): void {
    this.form.reset();
    this.applyFilters();
  }

  protected toggleSort(): void {
    this.newestFirst.update((newest) => !newest);
    this.page.set(1);
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.page.set(event.pageIndex + 1);
  }

  protected toggleDetails(id: string): void {
    this.openId.update((open) => (open === id ? null : id));
  }

  protected async verify(): Promise<void> {
    const slug = this.slug();
    if (!slug || this.verifying()) return;
    this.verifying.set(true);
    this.verification.set(null);
    try {
      this.verification.set(
        await firstValueFrom(
          this.api.post('/api/v1/workspaces/{workspace}/audit-log/verify', { path: { workspace: slug }, body: {} }),
        ),
      );
    } catch {
      // Shown as a toast by the problem interceptor.
    } finally {
      this.verifying.set(false);
    }
  }
}
