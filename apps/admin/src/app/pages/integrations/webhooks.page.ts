import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { forkJoin, map, of, catchError } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import { WorkspacesStore } from '../../state/workspaces.store';
import { WebhookTabsComponent } from './webhook-tabs.component';
import { dateTime, deliveryStatusLabel, type Delivery, type Webhook } from './webhooks-data';

interface WebhookRow {
  webhook: Webhook;
  /** The newest delivery, null when none was made yet. */
  last: Delivery | null;
}

/** A workspace's webhooks: URL, events, enabled or disabled (and why), and how the last delivery went. */
@Component({
  selector: 'quire-webhooks-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, WebhookTabsComponent],
  template: `
    <div class="page">
      <h1 i18n="@@integrations.webhooks.heading">Webhooks</h1>
      <quire-webhook-tabs />
      <p class="note" i18n="@@integrations.webhooks.intro">
        Quire sends this workspace's events to these URLs as signed JSON requests, retries failures and keeps a log.
      </p>
      @if (canCreate()) {
        <p>
          <a class="button-link" [routerLink]="['/w', slug, 'webhooks', 'new']" data-testid="webhook-new">
            <ng-container i18n="@@integrations.webhooks.new">New webhook</ng-container>
          </a>
        </p>
      }

      @if (rows() === null) {
        <p role="status" class="note" i18n="@@integrations.loading">Loading…</p>
        <div class="skeleton" aria-hidden="true"></div>
        <div class="skeleton" aria-hidden="true"></div>
      } @else if (rows()!.length === 0) {
        <p class="empty" data-testid="webhooks-empty" i18n="@@integrations.webhooks.empty">
          No webhooks yet. A webhook tells another system when content changes, for example to rebuild a website.
        </p>
      } @else {
        <div class="table-wrap">
          <table data-testid="webhooks-table">
            <thead>
              <tr>
                <th scope="col" i18n="@@integrations.webhooks.col.url">URL</th>
                <th scope="col" i18n="@@integrations.webhooks.col.events">Events</th>
                <th scope="col" i18n="@@integrations.webhooks.col.state">State</th>
                <th scope="col" i18n="@@integrations.webhooks.col.last">Last delivery</th>
              </tr>
            </thead>
            <tbody>
              @for (row of rows(); track row.webhook.id) {
                <tr [attr.data-webhook]="row.webhook.url">
                  <td class="url">
                    <a [routerLink]="['/w', slug, 'webhooks', row.webhook.id]">{{ row.webhook.url }}</a>
                    @if (row.webhook.description) {
                      <div class="note">{{ row.webhook.description }}</div>
                    }
                  </td>
                  <td>
                    @for (event of row.webhook.events; track event) {
                      <code class="tag">{{ event }}</code>
                    }
                  </td>
                  <td data-testid="webhook-state">
                    @if (row.webhook.enabled) {
                      <span class="state on" i18n="@@integrations.enabled">Enabled</span>
                    } @else {
                      <span class="state off" i18n="@@integrations.disabled">Disabled</span>
                      @if (row.webhook.disabledReason) {
                        <div class="note">{{ row.webhook.disabledReason }}</div>
                      }
                    }
                  </td>
                  <td data-testid="webhook-last-delivery">
                    @if (row.last; as last) {
                      <span [attr.data-status]="last.status">{{ statusLabel(last.status) }}</span>
                      @if (last.lastStatus) {
                        · {{ last.lastStatus }}
                      }
                      <div class="note">{{ dateTime(last.createdAt) }}</div>
                    } @else {
                      <span class="note" i18n="@@integrations.webhooks.none">None yet</span>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </div>
  `,
  styleUrls: ['../members/members.scss', './integrations.scss'],
})
export class WebhooksPage {
  private readonly api = inject(ApiClient);
  private readonly workspaces = inject(WorkspacesStore);

  protected readonly slug = this.workspaces.currentSlugValue() ?? '';
  protected readonly rows = signal<WebhookRow[] | null>(null);
  protected readonly canCreate = computed(() => this.workspaces.can('create', 'Webhook'));
  protected readonly statusLabel = deliveryStatusLabel;
  protected readonly dateTime = dateTime;

  constructor() {
    // A workspace has at most 50 webhooks (the API's limit), so one page holds them all.
    this.api
      .get('/api/v1/workspaces/{workspace}/webhooks', { path: { workspace: this.slug }, query: { pageSize: 50 } })
      .subscribe({
        next: (page) => this.withLastDeliveries(page.data),
        error: () => this.rows.set([]),
      });
  }

  /** The list has no delivery data: each webhook's newest delivery is one small call. */
  private withLastDeliveries(webhooks: Webhook[]): void {
    if (webhooks.length === 0) return this.rows.set([]);
    forkJoin(
      webhooks.map((webhook) =>
        this.api
          .get('/api/v1/workspaces/{workspace}/webhooks/{id}/deliveries', {
            path: { workspace: this.slug, id: webhook.id },
            query: { pageSize: 1 },
            silent: true,
          })
          .pipe(
            map((page): WebhookRow => ({ webhook, last: page.data[0] ?? null })),
            catchError(() => of<WebhookRow>({ webhook, last: null })),
          ),
      ),
    ).subscribe((rows) => this.rows.set(rows));
  }
}
