import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { WorkspacesStore } from '../../state/workspaces.store';

/** A workspace's landing page: what it is, your role, and where you may go from here. */
@Component({
  selector: 'quire-workspace-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="page">
      @if (workspace(); as workspace) {
        <h1 data-testid="workspace-title">{{ workspace.name }}</h1>
        <p class="note" i18n="@@workspaceHome.role">You are {{ workspace.role }} in this workspace.</p>
        <dl class="facts">
          <dt i18n="@@field.slug">Slug</dt>
          <dd>{{ workspace.slug }}</dd>
          <dt i18n="@@field.locales">Locales</dt>
          <dd>{{ workspace.enabledLocales.join(', ') }} ({{ workspace.defaultLocale }})</dd>
          <dt i18n="@@field.timeZone">Time zone</dt>
          <dd>{{ workspace.timeZone }}</dd>
        </dl>
        @if (canEdit()) {
          <a [routerLink]="['/w', workspace.slug, 'settings']" i18n="@@workspaceHome.settings">Workspace settings</a>
        }
      } @else {
        <p role="status" class="note" i18n="@@common.loading">Loading…</p>
      }
    </div>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 8px 24px;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
    }
    .note {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class WorkspaceHomePage {
  private readonly store = inject(WorkspacesStore);
  protected readonly workspace = this.store.current;
  protected readonly canEdit = computed(() => !!this.workspace() && this.store.can('update', 'Workspace'));
}
