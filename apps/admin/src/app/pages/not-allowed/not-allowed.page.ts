import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { WorkspacesStore } from '../../state/workspaces.store';

/** Shown instead of a screen the member's role does not allow: says so plainly, never a blank page. */
@Component({
  selector: 'quire-not-allowed-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="page" data-testid="not-allowed">
      <h1 i18n="@@notAllowed.heading">Not allowed</h1>
      <p class="page-intro" i18n="@@notAllowed.text">
        Your role in this workspace ({{ store.current()?.role }}) does not allow this screen. Ask an owner or an
        administrator of the workspace if you need it.
      </p>
      @if (store.currentSlugValue(); as slug) {
        <p><a [routerLink]="['/w', slug]" i18n="@@notAllowed.back">Back to the workspace</a></p>
      }
    </div>
  `,
})
export class NotAllowedPage {
  protected readonly store = inject(WorkspacesStore);
}
