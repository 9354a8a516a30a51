import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import { confirm } from '../../shared/confirm.dialog';
import { WorkspacesStore } from '../../state/workspaces.store';
import type { Workflow } from './workflow-form';

/** A workspace's editorial workflows: stages in order, the types each governs, publish gating; delete. */
@Component({
  selector: 'quire-workflows-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButton],
  template: `
    <div class="page">
      <h1 i18n="@@integrations.workflows.heading">Workflows</h1>
      <p class="note" i18n="@@integrations.workflows.intro">
        A workflow takes entries through stages before they are published: who may move them, how many approvals each
        stage needs, and the stage publishing requires.
      </p>
      @if (canCreate()) {
        <p>
          <a class="button-link" [routerLink]="['/w', slug, 'workflows', 'new']" data-testid="workflow-new">
            <ng-container i18n="@@integrations.workflows.new">New workflow</ng-container>
          </a>
        </p>
      }

      @if (workflows() === null) {
        <p role="status" class="note" i18n="@@integrations.loading">Loading…</p>
        <div class="skeleton" aria-hidden="true"></div>
      } @else if (workflows()!.length === 0) {
        <p class="empty" data-testid="workflows-empty" i18n="@@integrations.workflows.empty">
          No workflows yet: entries are published without review.
        </p>
      } @else {
        <div class="table-wrap">
          <table data-testid="workflows-table">
            <thead>
              <tr>
                <th scope="col" i18n="@@integrations.workflows.col.name">Name</th>
                <th scope="col" i18n="@@integrations.workflows.col.stages">Stages</th>
                <th scope="col" i18n="@@integrations.workflows.col.types">Content types</th>
                <th scope="col" i18n="@@integrations.workflows.col.publish">Publishing needs</th>
                <th scope="col"><span class="visually-hidden" i18n="@@integrations.actions">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (workflow of workflows(); track workflow.id) {
                <tr [attr.data-workflow]="workflow.name">
                  <td>
                    <a [routerLink]="['/w', slug, 'workflows', workflow.id]">{{ workflow.name }}</a>
                    @if (workflow.fourEyes) {
                      <div class="note" i18n="@@integrations.workflows.fourEyes">Four eyes</div>
                    }
                  </td>
                  <td>
                    @for (stage of workflow.stages; track stage.key; let last = $last) {
                      <span class="stage">
                        <span
                          class="swatch"
                          [style.background]="stage.color ?? 'transparent'"
                          aria-hidden="true"
                        ></span>
                        {{ stage.name }}
                      </span>
                      @if (!last) {
                        <span aria-hidden="true"> → </span>
                      }
                    }
                  </td>
                  <td>
                    @if (workflow.isDefault) {
                      <span class="tag" i18n="@@integrations.workflows.default">Default: every other type</span>
                    }
                    @for (type of workflow.contentTypes; track type) {
                      <code class="tag">{{ type }}</code>
                    }
                  </td>
                  <td>
                    @if (stageName(workflow, workflow.publishStage); as stage) {
                      {{ stage }}
                    } @else {
                      <span class="note" i18n="@@integrations.workflows.notGated">Not gated</span>
                    }
                  </td>
                  <td>
                    @if (canDelete()) {
                      <button mat-button type="button" data-testid="workflow-delete" (click)="remove(workflow)">
                        <ng-container i18n="@@integrations.delete">Delete</ng-container>
                      </button>
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
  styleUrls: ['../members/members.scss', './integrations.scss'],
})
export class WorkflowsPage {
  private readonly api = inject(ApiClient);
  private readonly workspaces = inject(WorkspacesStore);
  private readonly dialog = inject(MatDialog);

  protected readonly slug = this.workspaces.currentSlugValue() ?? '';
  protected readonly workflows = signal<Workflow[] | null>(null);
  protected readonly canCreate = computed(() => this.workspaces.can('create', 'Workflow'));
  protected readonly canDelete = computed(() => this.workspaces.can('delete', 'Workflow'));

  constructor() {
    this.reload();
  }

  protected stageName(workflow: Workflow, key: string | null): string | null {
    return key ? (workflow.stages.find((stage) => stage.key === key)?.name ?? key) : null;
  }

  protected async remove(workflow: Workflow): Promise<void> {
    const chosen = await confirm(this.dialog, {
      title: $localize`:@@integrations.deleteWorkflow.title:Delete the workflow “${workflow.name}:name:”?`,
      message: $localize`:@@integrations.deleteWorkflow.message:Its content types are no longer governed by it (the default workflow takes them, if there is one). Approvals given stay in the publication history.`,
      confirm: $localize`:@@integrations.deleteWorkflow.confirm:Delete`,
      destructive: true,
    });
    if (!chosen) return;
    try {
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/workflows/{id}', {
          path: { workspace: this.slug, id: workflow.id },
        }),
      );
      this.reload();
    } catch {
      // Shown as an error toast.
    }
  }

  private reload(): void {
    this.api.get('/api/v1/workspaces/{workspace}/workflows', { path: { workspace: this.slug } }).subscribe({
      next: (list) => this.workflows.set(list.items),
      error: () => this.workflows.set([]),
    });
  }
}
