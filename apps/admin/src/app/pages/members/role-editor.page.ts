import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type BodyOf } from '../../api/api-client';
import { ApiProblem, type ProblemDetails } from '../../api/problem-details';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { WorkspacesStore } from '../../state/workspaces.store';
import { type PermissionCatalog } from './access-data';
import { AccessTabsComponent } from './access-tabs.component';

type RoleRule = BodyOf<'/api/v1/workspaces/{workspace}/roles', 'post'>['rules'][number];

/**
 * Creates or edits a custom role: name, key (new roles only), description, and its permissions as a grid of the
 * loaded plugins' subjects and actions (GET permission-catalog). Rules with conditions or field restrictions,
 * which the grid cannot show, are kept as they are.
 */
@Component({
  selector: 'quire-role-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
    MatHint,
    RouterLink,
    AccessTabsComponent,
  ],
  template: `
    <div class="page">
      <h1>
        @if (roleId()) {
          <ng-container i18n="@@roleEditor.editHeading">Edit custom role</ng-container>
        } @else {
          <ng-container i18n="@@roleEditor.newHeading">New custom role</ng-container>
        }
      </h1>
      <quire-access-tabs />
      @if (problem(); as problem) {
        <div class="form-error" role="alert" data-testid="form-error">
          <strong>{{ problem.title }}</strong>
          @if (problem.detail) {
            <div>{{ problem.detail }}</div>
          }
        </div>
      }
      <form class="stacked" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="role-form">
        <mat-form-field appearance="outline">
          <mat-label i18n="@@roleEditor.name">Name</mat-label>
          <input matInput formControlName="name" required />
          <mat-error>{{ fieldError(form.controls.name) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n="@@roleEditor.key">Key</mat-label>
          <input matInput formControlName="key" required />
          <mat-hint i18n="@@roleEditor.keyHint">Lower-case words joined by hyphens; cannot change later</mat-hint>
          <mat-error>{{ fieldError(form.controls.key) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label i18n="@@roleEditor.description">Description</mat-label>
          <input matInput formControlName="description" />
          <mat-error>{{ fieldError(form.controls.description) }}</mat-error>
        </mat-form-field>

        <h2 id="permissions-heading" i18n="@@roleEditor.permissions">Permissions</h2>
        @if (rulesError(); as message) {
          <p class="form-error" role="alert" data-testid="rules-error">{{ message }}</p>
        }
        @if (catalog() === null) {
          <p role="status" class="note" i18n="@@common.loading">Loading…</p>
          <div class="skeleton" aria-hidden="true"></div>
        } @else {
          @for (plugin of catalog()!.plugins; track plugin.plugin) {
            <div class="table-wrap">
              <table class="grid" [attr.data-plugin]="plugin.plugin">
                <caption>
                  {{
                    plugin.plugin
                  }}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" i18n="@@roleEditor.subject">Subject</th>
                    @for (action of plugin.actions; track action) {
                      <th scope="col">{{ action }}</th>
                    }
                  </tr>
                </thead>
                <tbody>
                  @for (subject of plugin.subjects; track subject.name) {
                    <tr>
                      <th scope="row">{{ subject.name }}</th>
                      @for (action of plugin.actions; track action) {
                        <td>
                          <input
                            type="checkbox"
                            [attr.aria-label]="action + ' ' + subject.name"
                            [attr.data-permission]="action + ':' + subject.name"
                            [checked]="granted().has(action + ':' + subject.name)"
                            (change)="toggle(action, subject.name, $any($event.target).checked)"
                          />
                        </td>
                      }
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }
          @if (kept().length > 0) {
            <p class="note" i18n="@@roleEditor.kept">
              {{ kept().length }} rules with conditions or field restrictions are kept unchanged.
            </p>
          }
        }
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="role-save" i18n="@@roleEditor.save">
            Save role
          </button>
          <a mat-button [routerLink]="['/w', slug, 'roles']" i18n="@@roleEditor.back">Back to roles</a>
        </div>
      </form>
    </div>
  `,
  styleUrl: './members.scss',
})
export class RoleEditorPage implements OnInit {
  private readonly api = inject(ApiClient);
  private readonly workspaces = inject(WorkspacesStore);
  private readonly router = inject(Router);

  /** The route's `:roleId`; absent for a new role. */
  readonly roleId = input<string>();

  protected readonly slug = this.workspaces.currentSlugValue() ?? '';
  protected readonly catalog = signal<PermissionCatalog | null>(null);
  protected readonly granted = signal(new Set<string>());
  protected readonly kept = signal<RoleRule[]>([]);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly rulesError = signal<string | null>(null);
  protected readonly fieldError = fieldError;
  protected readonly editing = computed(() => !!this.roleId());

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    key: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    description: new FormControl('', { nonNullable: true }),
  });

  ngOnInit(): void {
    this.api.get('/api/v1/workspaces/{workspace}/permission-catalog', { path: { workspace: this.slug } }).subscribe({
      next: (catalog) => this.catalog.set(catalog),
      error: () => this.catalog.set({ actions: [], placeholders: [], plugins: [] }),
    });
    const roleId = this.roleId();
    if (roleId) {
      this.form.controls.key.disable();
      this.api
        .get('/api/v1/workspaces/{workspace}/roles/{roleId}', { path: { workspace: this.slug, roleId } })
        .subscribe({
          next: (role) => {
            this.form.setValue({ name: role.name, key: role.key, description: role.description ?? '' });
            const plain = role.rules.filter((rule) => !rule.conditions && !rule.fields && !rule.inverted);
            this.granted.set(new Set(plain.map((rule) => `${rule.action}:${rule.subject}`)));
            this.kept.set(
              role.rules
                .filter((rule) => !plain.includes(rule) && !rule.inverted)
                .map(({ action, subject, conditions, fields }) => ({ action, subject, conditions, fields })),
            );
          },
        });
    }
  }

  protected toggle(action: string, subject: string, on: boolean): void {
    const next = new Set(this.granted());
    if (on) next.add(`${action}:${subject}`);
    else next.delete(`${action}:${subject}`);
    this.granted.set(next);
  }

  private rules(): RoleRule[] {
    const fromGrid = [...this.granted()].map((permission) => {
      const [action, subject] = permission.split(':');
      return { action, subject };
    });
    return [...fromGrid, ...this.kept()];
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    this.rulesError.set(null);
    const value = this.form.getRawValue();
    const roleId = this.roleId();
    try {
      if (roleId) {
        await firstValueFrom(
          this.api.patch('/api/v1/workspaces/{workspace}/roles/{roleId}', {
            path: { workspace: this.slug, roleId },
            body: { name: value.name, description: value.description || null, rules: this.rules() },
            silent: true,
          }),
        );
      } else {
        await firstValueFrom(
          this.api.post('/api/v1/workspaces/{workspace}/roles', {
            path: { workspace: this.slug },
            body: {
              key: value.key.trim(),
              name: value.name,
              description: value.description || null,
              rules: this.rules(),
            },
            silent: true,
          }),
        );
      }
      await this.router.navigate(['/w', this.slug, 'roles']);
    } catch (error) {
      this.problem.set(showProblemOnForm(this.form, error));
      if (error instanceof ApiProblem) {
        const messages = error.fieldErrors('rules');
        if (messages.length > 0) this.rulesError.set(messages.join(' '));
      }
    } finally {
      this.busy.set(false);
    }
  }
}
