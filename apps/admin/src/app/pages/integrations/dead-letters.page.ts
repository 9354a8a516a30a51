import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ApiClient } from '../../api/api-client';
import { WorkspacesStore } from '../../state/workspaces.store';
import { DeliveryLogComponent } from './delivery-log.component';
import { WebhookTabsComponent } from './webhook-tabs.component';

/** Deliveries of any of the workspace's webhooks that failed every attempt, each replayable. */
@Component({
  selector: 'quire-dead-letters-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WebhookTabsComponent, DeliveryLogComponent],
  template: `
    <div class="page">
      <h1 i18n="@@integrations.deadLetters.heading">Dead letters</h1>
      <quire-webhook-tabs />
      <p class="note" i18n="@@integrations.deadLetters.intro">
        Deliveries that failed every attempt (kept 30 days). Fix the receiver, then replay what it still needs: the
        replay carries the same event id.
      </p>
      <quire-delivery-log [webhookId]="null" [webhookUrls]="urls()" />
    </div>
  `,
  styleUrl: '../members/members.scss',
})
export class DeadLettersPage {
  protected readonly urls = signal<Record<string, string>>({});

  constructor() {
    const slug = inject(WorkspacesStore).currentSlugValue() ?? '';
    // Only to name each dead letter's webhook; a workspace has at most 50.
    inject(ApiClient)
      .get('/api/v1/workspaces/{workspace}/webhooks', {
        path: { workspace: slug },
        query: { pageSize: 50, fields: 'id,url' },
      })
      .subscribe({
        next: (page) => this.urls.set(Object.fromEntries(page.data.map((webhook) => [webhook.id, webhook.url]))),
      });
  }
}
