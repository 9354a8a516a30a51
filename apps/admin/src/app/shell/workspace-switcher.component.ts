import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { WorkspacesStore } from '../state/workspaces.store';

/** The toolbar's workspace switcher: the user's workspaces and a link to create one. */
@Component({
  selector: 'quire-workspace-switcher',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    @let list = store.list();
    @if (list.status === 'ready' && list.value.length > 0) {
      <label class="visually-hidden" for="workspace-switcher" i18n="@@switcher.label">Workspace</label>
      <select
        id="workspace-switcher"
        data-testid="workspace-switcher"
        [value]="store.currentSlugValue() ?? ''"
        (change)="switchTo($any($event.target).value)"
      >
        @if (!store.currentSlugValue()) {
          <option value="" i18n="@@switcher.choose">Choose a workspace</option>
        }
        @for (workspace of list.value; track workspace.id) {
          <option [value]="workspace.slug" [selected]="workspace.slug === store.currentSlugValue()">
            {{ workspace.name }}
          </option>
        }
      </select>
    }
    <a class="new" routerLink="/workspaces/new" data-testid="new-workspace" i18n="@@switcher.new">New workspace</a>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 12px;
      margin-left: 16px;
      min-width: 0;
    }
    select {
      max-width: 220px;
      min-height: 40px;
      padding: 0 8px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 8px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-body-medium);
    }
    .new {
      font: var(--mat-sys-label-large);
      white-space: nowrap;
    }
  `,
})
export class WorkspaceSwitcherComponent implements OnInit {
  protected readonly store = inject(WorkspacesStore);
  private readonly router = inject(Router);

  ngOnInit(): void {
    if (this.store.list().status !== 'ready') this.store.load();
  }

  protected switchTo(slug: string): void {
    if (slug) void this.router.navigate(['/w', slug]);
  }
}
