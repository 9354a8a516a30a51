import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import { WorkspacesStore } from '../../state/workspaces.store';
import { type Role } from './access-data';
import { AccessTabsComponent } from './access-tabs.component';

/** The workspace's roles: the built-in ones (read-only) and its custom roles, with a link to the editor. */
@Component({
  selector: 'quire-roles-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, RouterLink, AccessTabsComponent],
  template: `
    <div class="page">
      <h1 i18n="@@roles.heading">Roles</h1>
      <quire-access-tabs />
      @if (canCreate()) {
        <p>
          <a mat-flat-button [routerLink]="['/w', slug, 'roles', 'new']" data-testid="role-new" i18n="@@roles.new">
            New custom role
          </a>
        </p>
      }
      @if (roles() === null) {
        <p role="status" class="note" i18n="@@common.loading">Loading…</p>
        <div class="skeleton" aria-hidden="true"></div>
      } @else {
        <div class="table-wrap">
          <table data-testid="roles-table">
            <thead>
              <tr>
                <th scope="col" i18n="@@roles.col.name">Name</th>
                <th scope="col" i18n="@@roles.col.key">Key</th>
                <th scope="col" i18n="@@roles.col.kind">Kind</th>
                <th scope="col" i18n="@@roles.col.permissions">Permissions</th>
                <th scope="col"><span class="cdk-visually-hidden" i18n="@@access.actions">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (role of roles(); track role.key) {
                <tr [attr.data-role]="role.key">
                  <td>{{ role.name }}</td>
                  <td>
                    <code>{{ role.key }}</code>
                  </td>
                  <td>
                    @if (role.builtIn) {
                      <ng-container i18n="@@roles.builtIn">Built-in</ng-container>
                    } @else {
                      <ng-container i18n="@@roles.custom">Custom</ng-container>
                    }
                  </td>
                  <td>{{ role.rules.length }}</td>
                  <td class="actions">
                    @if (!role.builtIn && role.id) {
                      @if (canUpdate()) {
                        <a mat-button [routerLink]="['/w', slug, 'roles', role.id]" i18n="@@roles.edit">Edit</a>
                      }
                      @if (canDelete()) {
                        <button mat-button type="button" (click)="remove(role)" i18n="@@roles.delete">Delete</button>
                      }
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </div>
  `,
  styleUrl: './members.scss',
})
export class RolesPage {
  private readonly api = inject(ApiClient);
  private readonly workspaces = inject(WorkspacesStore);

  protected readonly roles = signal<Role[] | null>(null);
  protected readonly canCreate = computed(() => this.workspaces.can('create', 'Role'));
  protected readonly canUpdate = computed(() => this.workspaces.can('update', 'Role'));
  protected readonly canDelete = computed(() => this.workspaces.can('delete', 'Role'));
  protected readonly slug = this.workspaces.currentSlugValue() ?? '';

  constructor() {
    this.api.get('/api/v1/workspaces/{workspace}/roles', { path: { workspace: this.slug } }).subscribe({
      next: (roles) => this.roles.set(roles),
      error: () => this.roles.set([]),
    });
  }

  protected async remove(role: Role): Promise<void> {
    if (!role.id) return;
    try {
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/roles/{roleId}', {
          path: { workspace: this.slug, roleId: role.id },
        }),
      );
      this.roles.update((list) => list?.filter((r) => r.id !== role.id) ?? null);
    } catch {
      // Shown as an error toast (e.g. a role members still hold).
    }
  }
}
