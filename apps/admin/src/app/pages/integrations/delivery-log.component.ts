import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { firstValueFrom, type Observable } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import { WorkspacesStore } from '../../state/workspaces.store';
import {
  DELIVERIES_PAGE_SIZE,
  dateTime,
  deliveryStatusLabel,
  type Delivery,
  type DeliveryDetail,
  type DeliveryPage,
} from './webhooks-data';

/** How often, and for how long, the log looks again while one of its deliveries is still on its way. */
const REFRESH_MS = 1500;
const MAX_REFRESHES = 40;

/**
 * A delivery log, newest first and paged: one webhook's (`webhookId`), or the dead letters of all the workspace's
 * webhooks (`webhookId` null, with a column naming each one's webhook). Each row opens its attempts (status,
 * duration, error, the response's first 2 KB) and the payload, and can be replayed as a new delivery. While a
 * delivery shown is pending or retrying the page reloads itself, so a ping's outcome appears without a click.
 */
@Component({
  selector: 'quire-delivery-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton],
  template: `
    @if (message(); as message) {
      <p role="status" class="saved" data-testid="delivery-message">{{ message }}</p>
    }
    @if (page() === null) {
      <p role="status" class="note" i18n="@@integrations.loading">Loading…</p>
      <div class="skeleton" aria-hidden="true"></div>
    } @else if (page()!.data.length === 0) {
      <p class="empty" data-testid="deliveries-empty">
        @if (webhookId()) {
          <ng-container i18n="@@integrations.deliveries.empty"
            >No deliveries yet. Send a ping to try the URL.</ng-container
          >
        } @else {
          <ng-container i18n="@@integrations.deadLetters.empty"
            >No dead letters: every delivery got through.</ng-container
          >
        }
      </p>
    } @else {
      <div class="table-wrap">
        <table data-testid="deliveries-table">
          <thead>
            <tr>
              @if (!webhookId()) {
                <th scope="col" i18n="@@integrations.deliveries.col.webhook">Webhook</th>
              }
              <th scope="col" i18n="@@integrations.deliveries.col.event">Event</th>
              <th scope="col" i18n="@@integrations.deliveries.col.status">Status</th>
              <th scope="col" i18n="@@integrations.deliveries.col.attempts">Attempts</th>
              <th scope="col" i18n="@@integrations.deliveries.col.response">Response</th>
              <th scope="col" i18n="@@integrations.deliveries.col.error">Error</th>
              <th scope="col" i18n="@@integrations.deliveries.col.created">Created</th>
              <th scope="col"><span class="visually-hidden" i18n="@@integrations.actions">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (delivery of page()!.data; track delivery.id) {
              <tr data-testid="delivery-row" [attr.data-status]="delivery.status" [attr.data-event]="delivery.event">
                @if (!webhookId()) {
                  <td class="url">{{ webhookUrls()[delivery.webhookId] ?? delivery.webhookId }}</td>
                }
                <td>
                  <code>{{ delivery.event }}</code>
                  @if (delivery.replayOf) {
                    <div class="note" i18n="@@integrations.deliveries.replay">Replay</div>
                  }
                </td>
                <td data-testid="delivery-status">{{ statusLabel(delivery.status) }}</td>
                <td>{{ delivery.attemptCount }} / {{ delivery.maxAttempts }}</td>
                <td data-testid="delivery-response">{{ delivery.lastStatus ?? '—' }}</td>
                <td>{{ delivery.lastError ?? '' }}</td>
                <td>{{ dateTime(delivery.createdAt) }}</td>
                <td>
                  <div class="actions">
                    <button
                      mat-button
                      type="button"
                      data-testid="delivery-details"
                      [attr.aria-expanded]="openId() === delivery.id"
                      (click)="toggle(delivery)"
                    >
                      <ng-container i18n="@@integrations.deliveries.details">Details</ng-container>
                    </button>
                    @if (canReplay()) {
                      <button mat-button type="button" data-testid="delivery-replay" (click)="replay(delivery)">
                        <ng-container i18n="@@integrations.deliveries.replayAction">Replay</ng-container>
                      </button>
                    }
                  </div>
                </td>
              </tr>
              @if (openId() === delivery.id) {
                <tr>
                  <td [attr.colspan]="webhookId() ? 7 : 8" data-testid="delivery-detail">
                    @if (detail(); as detail) {
                      <h3 class="minor" i18n="@@integrations.deliveries.attempts">Attempts</h3>
                      <table>
                        <thead>
                          <tr>
                            <th scope="col">#</th>
                            <th scope="col" i18n="@@integrations.attempts.started">Started</th>
                            <th scope="col" i18n="@@integrations.attempts.duration">Duration</th>
                            <th scope="col" i18n="@@integrations.attempts.status">Response code</th>
                            <th scope="col" i18n="@@integrations.attempts.error">Error</th>
                            <th scope="col" i18n="@@integrations.attempts.excerpt">Response excerpt</th>
                          </tr>
                        </thead>
                        <tbody>
                          @for (attempt of detail.attempts; track attempt.attempt) {
                            <tr>
                              <td>{{ attempt.attempt }}</td>
                              <td>{{ dateTime(attempt.startedAt) }}</td>
                              <td i18n="@@integrations.attempts.ms">{{ attempt.durationMs }} ms</td>
                              <td>{{ attempt.responseStatus ?? '—' }}</td>
                              <td>{{ attempt.error ?? '' }}</td>
                              <td>
                                @if (attempt.responseExcerpt) {
                                  <code>{{ attempt.responseExcerpt }}</code>
                                }
                              </td>
                            </tr>
                          } @empty {
                            <tr>
                              <td colspan="6" class="note" i18n="@@integrations.attempts.none">No attempt yet.</td>
                            </tr>
                          }
                        </tbody>
                      </table>
                      <h3 class="minor" i18n="@@integrations.deliveries.payload">Payload</h3>
                      <pre>{{ json(detail.payload) }}</pre>
                    } @else {
                      <p role="status" class="note" i18n="@@integrations.loading">Loading…</p>
                    }
                  </td>
                </tr>
              }
            }
          </tbody>
        </table>
      </div>
      <div class="pager">
        <button mat-button type="button" [disabled]="pageNumber() <= 1" (click)="go(pageNumber() - 1)">
          <ng-container i18n="@@integrations.previous">Previous</ng-container>
        </button>
        <span i18n="@@integrations.pageOf">Page {{ pageNumber() }} of {{ pageCount() }}</span>
        <button mat-button type="button" [disabled]="pageNumber() >= pageCount()" (click)="go(pageNumber() + 1)">
          <ng-container i18n="@@integrations.next">Next</ng-container>
        </button>
        <button mat-button type="button" data-testid="deliveries-refresh" (click)="load()">
          <ng-container i18n="@@integrations.refresh">Refresh</ng-container>
        </button>
      </div>
    }
  `,
  styleUrls: ['../members/members.scss', './integrations.scss'],
})
export class DeliveryLogComponent implements OnInit {
  private readonly api = inject(ApiClient);
  private readonly workspaces = inject(WorkspacesStore);

  /** The webhook whose log this is; null: the dead letters of every webhook. */
  readonly webhookId = input<string | null>(null);
  /** Webhook URLs by id, to name each dead letter's webhook. */
  readonly webhookUrls = input<Partial<Record<string, string>>>({});

  protected readonly page = signal<DeliveryPage | null>(null);
  protected readonly pageNumber = signal(1);
  protected readonly pageCount = computed(() => Math.max(1, this.page()?.meta.pageCount ?? 1));
  protected readonly openId = signal<string | null>(null);
  protected readonly detail = signal<DeliveryDetail | null>(null);
  protected readonly message = signal<string | null>(null);
  protected readonly canReplay = computed(() => this.workspaces.can('update', 'Webhook'));
  protected readonly statusLabel = deliveryStatusLabel;
  protected readonly dateTime = dateTime;
  private readonly slug = this.workspaces.currentSlugValue() ?? '';
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshes = 0;
  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      clearTimeout(this.refreshTimer);
    });
  }

  ngOnInit(): void {
    this.load();
  }

  /** Loads the current page again (after a ping or a replay, or on "Refresh"). */
  load(): void {
    this.refreshes = 0;
    this.fetch();
  }

  private fetch(): void {
    clearTimeout(this.refreshTimer);
    this.list(this.pageNumber()).subscribe({
      next: (page) => {
        this.page.set(page);
        this.refreshWhileUnderway(page);
      },
      error: () =>
        this.page.set({ data: [], meta: { page: 1, pageCount: 1, pageSize: DELIVERIES_PAGE_SIZE, total: 0 } }),
    });
  }

  protected go(pageNumber: number): void {
    this.pageNumber.set(pageNumber);
    this.openId.set(null);
    this.load();
  }

  protected async toggle(delivery: Delivery): Promise<void> {
    if (this.openId() === delivery.id) return this.openId.set(null);
    this.openId.set(delivery.id);
    this.detail.set(null);
    try {
      const detail = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/webhooks/{id}/deliveries/{deliveryId}', {
          path: { workspace: this.slug, id: delivery.webhookId, deliveryId: delivery.id },
        }),
      );
      if (this.openId() === delivery.id) this.detail.set(detail);
    } catch {
      this.openId.set(null); // Shown as an error toast.
    }
  }

  protected async replay(delivery: Delivery): Promise<void> {
    this.message.set(null);
    try {
      await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/webhooks/{id}/deliveries/{deliveryId}/replay', {
          path: { workspace: this.slug, id: delivery.webhookId, deliveryId: delivery.id },
        }),
      );
      this.message.set(
        $localize`:@@integrations.deliveries.replayed:Sent again as a new delivery of ${delivery.event}:event:.`,
      );
      this.load();
    } catch {
      // Shown as an error toast (a disabled webhook is a 409).
    }
  }

  protected json(value: unknown): string {
    return JSON.stringify(value, null, 2);
  }

  private list(pageNumber: number): Observable<DeliveryPage> {
    const query = { page: pageNumber, pageSize: DELIVERIES_PAGE_SIZE };
    const webhookId = this.webhookId();
    return webhookId
      ? this.api.get('/api/v1/workspaces/{workspace}/webhooks/{id}/deliveries', {
          path: { workspace: this.slug, id: webhookId },
          query,
        })
      : this.api.get('/api/v1/workspaces/{workspace}/webhooks/dead-letters', { path: { workspace: this.slug }, query });
  }

  private refreshWhileUnderway(page: DeliveryPage): void {
    const underway = page.data.some((delivery) => delivery.status === 'pending' || delivery.status === 'retrying');
    // Retries wait minutes to hours: after about a minute the member refreshes by hand.
    if (underway && !this.destroyed && this.refreshes++ < MAX_REFRESHES) {
      this.refreshTimer = setTimeout(() => this.fetch(), REFRESH_MS);
    }
  }
}
