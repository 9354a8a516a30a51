import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { WorkspacesStore } from '../../state/workspaces.store';

/** The links between the members and access screens of a workspace, each shown only when the member may read it. */
@Component({
  selector: 'quire-access-tabs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive],
  template: `
    @if (workspaces.currentSlugValue(); as slug) {
      <nav aria-label="Members and access" i18n-aria-label="@@access.tabs">
        <ul class="sub-nav">
          @if (workspaces.can('read', 'WorkspaceMember')) {
            <li>
              <a [routerLink]="['/w', slug, 'members']" routerLinkActive="active" ariaCurrentWhenActive="page">
                <ng-container i18n="@@access.tab.members">Members</ng-container>
              </a>
            </li>
          }
          @if (workspaces.can('read', 'Team')) {
            <li>
              <a [routerLink]="['/w', slug, 'teams']" routerLinkActive="active" ariaCurrentWhenActive="page">
                <ng-container i18n="@@access.tab.teams">Teams</ng-container>
              </a>
            </li>
          }
          @if (workspaces.can('read', 'Role')) {
            <li>
              <a [routerLink]="['/w', slug, 'roles']" routerLinkActive="active" ariaCurrentWhenActive="page">
                <ng-container i18n="@@access.tab.roles">Roles</ng-container>
              </a>
            </li>
          }
          @if (workspaces.can('read', 'ApiKey')) {
            <li>
              <a [routerLink]="['/w', slug, 'api-keys']" routerLinkActive="active" ariaCurrentWhenActive="page">
                <ng-container i18n="@@access.tab.apiKeys">API keys</ng-container>
              </a>
            </li>
          }
        </ul>
      </nav>
    }
  `,
  styleUrl: './members.scss',
})
export class AccessTabsComponent {
  protected readonly workspaces = inject(WorkspacesStore);
}
