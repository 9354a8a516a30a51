import { ChangeDetectionStrategy, Component, computed, inject, output } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { IconComponent } from '../shared/icon.component';
import { PluginsStore } from '../state/plugins.store';
import { WorkspacesStore } from '../state/workspaces.store';

/**
 * The console's navigation. Beyond the two fixed entries it is data, not code: each loaded plugin's
 * `contributes.admin.nav` from `GET /api/v1/plugins`, so installing a plugin adds its screens here.
 */
@Component({
  selector: 'quire-side-nav',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, IconComponent],
  templateUrl: './side-nav.component.html',
  styleUrl: './side-nav.component.scss',
})
export class SideNavComponent {
  protected readonly store = inject(PluginsStore);
  protected readonly workspaces = inject(WorkspacesStore);

  /** Entries the member's rules allow: an entry's `requires` ([action, subject]) checked with the CASL ability. */
  protected readonly visibleItems = computed(() => {
    const slug = this.workspaces.currentSlugValue();
    if (!slug) return [];
    // Plugin screens belong to a workspace: a route `content` opens /w/<slug>/content.
    return this.store
      .navItems()
      .filter((item) => !item.requires || this.workspaces.can(item.requires[0], item.requires[1]))
      .map((item) => ({ ...item, link: ['/w', slug, ...item.route.split('/').filter(Boolean)] }));
  });
  protected readonly canEditWorkspace = computed(
    () => !!this.workspaces.currentSlugValue() && this.workspaces.can('update', 'Workspace'),
  );
  protected readonly canReadAuditLog = computed(
    () => !!this.workspaces.currentSlugValue() && this.workspaces.can('read', 'AuditLog'),
  );
  protected readonly canReadComplianceReport = computed(
    () => !!this.workspaces.currentSlugValue() && this.workspaces.can('read', 'ComplianceReport'),
  );
  /** Auditors read holds in the compliance report; this screen is for those who place them. */
  protected readonly canManageLegalHolds = computed(
    () => !!this.workspaces.currentSlugValue() && this.workspaces.can('create', 'LegalHold'),
  );

  /** Emitted when a link is followed, so the shell can close the overlay on narrow screens. */
  readonly navigate = output<void>();
}
