import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { WorkspacesStore } from '../../state/workspaces.store';

type TypeSummary = ResponseOf<'/api/v1/workspaces/{workspace}/content-types', 'get'>['data'][number];

/** `content`: the workspace's collection and singleton types, each leading to its entries. */
@Component({
  selector: 'quire-entry-types-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="page">
      <h1 i18n="@@entries.types.heading">Content</h1>
      <p class="page-intro" i18n="@@entries.types.intro">Choose a content type to see and edit its entries.</p>
      @if (types(); as types) {
        @if (types.length === 0) {
          <p class="empty" data-testid="entry-types-empty" i18n="@@entries.types.empty">
            This workspace has no content types yet. Content types are modelled under "Content types".
          </p>
        } @else {
          <ul class="type-list" data-testid="entry-types">
            @for (type of types; track type.apiId) {
              <li>
                <a [routerLink]="[type.apiId]" [attr.data-type]="type.apiId">
                  <strong>{{ type.name }}</strong>
                  <span class="note">
                    {{ type.apiId }} ·
                    @if (type.kind === 'singleton') {
                      <ng-container i18n="@@entries.types.singleton">single entry</ng-container>
                    } @else {
                      <ng-container i18n="@@entries.types.collection">collection</ng-container>
                    }
                  </span>
                  @if (type.description) {
                    <span class="note">{{ type.description }}</span>
                  }
                </a>
              </li>
            }
          </ul>
        }
      } @else {
        <p role="status" class="note" i18n="@@common.loading">Loading…</p>
        <div class="skeleton" aria-hidden="true"></div>
      }
    </div>
  `,
  styles: `
    .type-list {
      list-style: none;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
      gap: 12px;
    }
    a {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      color: inherit;
      text-decoration: none;
    }
    a:hover {
      background: var(--mat-sys-surface-container);
    }
    .note {
      color: var(--mat-sys-on-surface-variant);
    }
    .empty {
      padding: 24px;
      border: 1px dashed var(--mat-sys-outline);
      border-radius: 16px;
    }
    .skeleton {
      height: 80px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }
  `,
})
export class EntryTypesPage {
  private readonly api = inject(ApiClient);
  private readonly store = inject(WorkspacesStore);
  private readonly slug = computed(() => this.store.currentSlugValue());
  protected readonly types = signal<TypeSummary[] | null>(null);

  constructor() {
    effect(() => {
      const slug = this.slug();
      if (slug) void this.load(slug);
    });
  }

  private async load(workspace: string): Promise<void> {
    try {
      const page = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/content-types', {
          path: { workspace },
          query: { filter: { kind: { in: 'collection,singleton' } }, sort: 'name', pageSize: 100 },
        }),
      );
      this.types.set(page.data);
    } catch {
      this.types.set([]);
    }
  }
}
