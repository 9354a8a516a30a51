import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { MatAnchor } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { ApiClient } from '../../api/api-client';
import { IconComponent } from '../../shared/icon.component';
import { WorkspacesStore } from '../../state/workspaces.store';
import { allTypes, type TypeSummary } from './all-types';
import { kindLabel } from './content-type-model';

/** The workspace's content types (GET content-types): name, API id, kind and field count; each opens the builder. */
@Component({
  selector: 'quire-content-types-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatAnchor, IconComponent],
  template: `
    <div class="page">
      <div class="title-row">
        <h1 i18n="@@types.list.heading">Content types</h1>
        @if (canCreate()) {
          <a mat-flat-button [routerLink]="['/w', slug, 'content-types', 'new']" data-testid="type-new">
            <quire-icon name="add" />
            <span i18n="@@types.list.new">New content type</span>
          </a>
        }
      </div>
      <p class="note" i18n="@@types.list.intro">
        The content model of this workspace: collections hold many entries, a singleton one, and components are groups
        of fields the other types embed.
      </p>
      @if (types(); as types) {
        @if (types.length === 0) {
          <div class="empty" data-testid="types-empty">
            <p i18n="@@types.list.empty">This workspace has no content types yet.</p>
            @if (canCreate()) {
              <a [routerLink]="['/w', slug, 'content-types', 'new']" i18n="@@types.list.emptyAction"
                >Create the first one</a
              >
            }
          </div>
        } @else {
          <div class="table-wrap">
            <table data-testid="types-table">
              <thead>
                <tr>
                  <th scope="col" i18n="@@types.list.name">Name</th>
                  <th scope="col" i18n="@@types.list.apiId">API id</th>
                  <th scope="col" i18n="@@types.list.kind">Kind</th>
                  <th scope="col" class="number" i18n="@@types.list.fields">Fields</th>
                </tr>
              </thead>
              <tbody>
                @for (type of types; track type.apiId) {
                  <tr [attr.data-type]="type.apiId">
                    <td>
                      <a [routerLink]="['/w', slug, 'content-types', type.apiId]">{{ type.name }}</a>
                      @if (type.description) {
                        <div class="note">{{ type.description }}</div>
                      }
                    </td>
                    <td class="mono">{{ type.apiId }}</td>
                    <td>{{ kindLabel(type.kind) }}</td>
                    <td class="number">{{ type.fields }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      } @else {
        <div aria-busy="true">
          <p class="note" role="status" i18n="@@common.loading">Loading…</p>
          <div class="skeleton"></div>
          <div class="skeleton"></div>
          <div class="skeleton"></div>
        </div>
      }
    </div>
  `,
  styleUrl: './content-types.scss',
})
export class ContentTypesPage implements OnInit {
  private readonly api = inject(ApiClient);
  private readonly workspaces = inject(WorkspacesStore);

  protected readonly slug = this.workspaces.currentSlugValue() ?? '';
  protected readonly types = signal<TypeSummary[] | null>(null);
  protected readonly canCreate = computed(() => this.workspaces.can('create', 'ContentType'));
  protected readonly kindLabel = kindLabel;

  async ngOnInit(): Promise<void> {
    try {
      this.types.set(await allTypes(this.api, this.slug));
    } catch {
      // The error toast says why.
      this.types.set([]);
    }
  }
}
