import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { WorkspacesStore } from '../../state/workspaces.store';

/** The links between the webhook screens: the subscriptions and the dead letters of all of them. */
@Component({
  selector: 'quire-webhook-tabs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive],
  template: `
    @if (workspaces.currentSlugValue(); as slug) {
      <nav aria-label="Webhooks" i18n-aria-label="@@integrations.webhookTabs">
        <ul class="sub-nav">
          <li>
            <a
              [routerLink]="['/w', slug, 'webhooks']"
              routerLinkActive="active"
              [routerLinkActiveOptions]="{ exact: true }"
              ariaCurrentWhenActive="page"
              data-testid="tab-webhooks"
              i18n="@@integrations.tab.webhooks"
              >Webhooks</a
            >
          </li>
          <li>
            <a
              [routerLink]="['/w', slug, 'webhooks', 'dead-letters']"
              routerLinkActive="active"
              ariaCurrentWhenActive="page"
              data-testid="tab-dead-letters"
              i18n="@@integrations.tab.deadLetters"
              >Dead letters</a
            >
          </li>
        </ul>
      </nav>
    }
  `,
  styleUrl: '../members/members.scss',
})
export class WebhookTabsComponent {
  protected readonly workspaces = inject(WorkspacesStore);
}
