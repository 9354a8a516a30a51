import { ChangeDetectionStrategy, Component, inject, output } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { IconComponent } from '../shared/icon.component';
import { PluginsStore } from '../state/plugins.store';

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

  /** Emitted when a link is followed, so the shell can close the overlay on narrow screens. */
  readonly navigate = output<void>();
}
