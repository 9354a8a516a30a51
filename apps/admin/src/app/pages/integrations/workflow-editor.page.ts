import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, type AbstractControl } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import type { ProblemDetails } from '../../api/problem-details';
import { confirm } from '../../shared/confirm.dialog';
import { fieldError } from '../../shared/form-problems';
import { WorkspacesStore } from '../../state/workspaces.store';
import { showNestedProblemOnForm } from './nested-form-problems';
import {
  BUILT_IN_ROLES,
  stageForm,
  stageKey,
  transitionForm,
  workflowBody,
  workflowForm,
  type StageForm,
  type Workflow,
} from './workflow-form';

/**
 * Create (`workflows/new`) or edit (`workflows/<id>`) a workflow as a whole, as the API takes it: stages in order
 * (name, key, colour, approvals, who approves), transitions (from, to, which roles may make the move), the publish
 * stage, four eyes, the content types it governs or "default". The API validates the whole and names each field
 * (`stages.1.key`, `transitions.0.roles.1`); those messages appear on that field. Members who may only read it see
 * it disabled.
 */
@Component({
  selector: 'quire-workflow-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatButton, MatFormField, MatLabel, MatInput, MatError, MatHint],
  templateUrl: './workflow-editor.page.html',
  styleUrls: ['../members/members.scss', './integrations.scss'],
})
export class WorkflowEditorPage {
  private readonly api = inject(ApiClient);
  private readonly workspaces = inject(WorkspacesStore);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);

  protected readonly slug = this.workspaces.currentSlugValue() ?? '';
  protected readonly workflowId: string | null = inject(ActivatedRoute).snapshot.paramMap.get('workflowId');
  protected readonly loaded = signal(this.workflowId === null);
  protected readonly form = workflowForm();
  protected readonly roles = signal<string[]>(BUILT_IN_ROLES);
  protected readonly contentTypes = signal<Array<{ apiId: string; name: string }>>([]);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly fieldError = fieldError;
  protected readonly canSave = computed(() => this.workspaces.can(this.workflowId ? 'update' : 'create', 'Workflow'));
  protected readonly canDelete = computed(() => this.workflowId !== null && this.workspaces.can('delete', 'Workflow'));
  /** Bumped whenever stages change, so the stage pickers follow. */
  private readonly stagesVersion = signal(0);
  protected readonly stageKeys = computed(() => {
    this.stagesVersion();
    return this.form.controls.stages.controls.map((stage) => stage.controls.key.value).filter(Boolean);
  });

  constructor() {
    if (this.workspaces.can('read', 'Role')) {
      this.api.get('/api/v1/workspaces/{workspace}/roles', { path: { workspace: this.slug }, silent: true }).subscribe({
        next: (roles) => this.roles.set(roles.map((role) => role.key)),
      });
    }
    if (this.workspaces.can('read', 'ContentType')) {
      this.api
        .get('/api/v1/workspaces/{workspace}/content-types', {
          path: { workspace: this.slug },
          query: { pageSize: 100, sort: 'name' },
          silent: true,
        })
        .subscribe({
          next: (page) => this.contentTypes.set(page.data.filter((type) => type.kind !== 'component')),
        });
    }
    if (this.workflowId) {
      this.api
        .get('/api/v1/workspaces/{workspace}/workflows/{id}', { path: { workspace: this.slug, id: this.workflowId } })
        .subscribe({ next: (workflow) => this.show(workflow) });
    } else if (!this.canSave()) {
      this.form.disable();
    }
  }

  protected get stages() {
    return this.form.controls.stages;
  }
  protected get transitions() {
    return this.form.controls.transitions;
  }

  protected addStage(): void {
    this.stages.push(stageForm({ name: '', key: '' }));
    this.stagesChanged();
  }

  protected removeStage(index: number): void {
    this.stages.removeAt(index);
    this.stagesChanged();
  }

  protected moveStage(index: number, by: -1 | 1): void {
    const stage = this.stages.at(index);
    this.stages.removeAt(index, { emitEvent: false });
    this.stages.insert(index + by, stage);
    this.stagesChanged();
  }

  /** A new stage's key follows its name until the key is typed in. */
  protected nameChanged(stage: StageForm): void {
    if (stage.controls.key.pristine) stage.controls.key.setValue(stageKey(stage.controls.name.value));
    this.stagesChanged();
  }

  protected stagesChanged(): void {
    this.stagesVersion.update((version) => version + 1);
  }

  protected addTransition(): void {
    const [first, second] = this.stageKeys();
    this.transitions.push(transitionForm({ from: first ?? '', to: second ?? '', roles: ['owner', 'admin', 'editor'] }));
  }

  /** Forward and back between neighbouring stages, for owners, admins and editors: a start to adjust. */
  protected suggestTransitions(): void {
    const keys = this.stageKeys();
    const existing = new Set(this.transitions.controls.map((t) => `${t.controls.from.value}>${t.controls.to.value}`));
    for (let index = 0; index + 1 < keys.length; index++) {
      for (const [from, to] of [
        [keys[index], keys[index + 1]],
        [keys[index + 1], keys[index]],
      ]) {
        if (!existing.has(`${from}>${to}`)) {
          this.transitions.push(transitionForm({ from, to, roles: ['owner', 'admin', 'editor'] }));
        }
      }
    }
  }

  protected removeTransition(index: number): void {
    this.transitions.removeAt(index);
  }

  protected hasItem(control: FormControl<string[]>, item: string): boolean {
    return control.value.includes(item);
  }

  protected toggleItem(control: FormControl<string[]>, item: string): void {
    const value = control.value;
    control.setValue(value.includes(item) ? value.filter((each) => each !== item) : [...value, item]);
    control.markAsTouched();
  }

  protected approversLabel(index: number): string {
    return $localize`:@@integrations.workflow.approversGroup:Approver roles of stage ${index + 1}:number:`;
  }

  protected moversLabel(index: number): string {
    return $localize`:@@integrations.workflow.moversGroup:Roles of move ${index + 1}:number:`;
  }

  protected shownError(control: AbstractControl): string | null {
    return control.invalid && control.touched ? fieldError(control) : null;
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.saved.set(false);
    this.problem.set(null);
    const body = workflowBody(this.form);
    try {
      if (this.workflowId) {
        const workflow = await firstValueFrom(
          this.api.put('/api/v1/workspaces/{workspace}/workflows/{id}', {
            path: { workspace: this.slug, id: this.workflowId },
            body,
            silent: true,
          }),
        );
        this.show(workflow);
        this.saved.set(true);
      } else {
        await firstValueFrom(
          this.api.post('/api/v1/workspaces/{workspace}/workflows', {
            path: { workspace: this.slug },
            body,
            silent: true,
          }),
        );
        await this.router.navigate(['/w', this.slug, 'workflows']);
      }
    } catch (error) {
      this.problem.set(showNestedProblemOnForm(this.form, error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(): Promise<void> {
    const chosen = await confirm(this.dialog, {
      title: $localize`:@@integrations.deleteWorkflow.title:Delete the workflow “${this.form.controls.name.value}:name:”?`,
      message: $localize`:@@integrations.deleteWorkflow.message:Its content types are no longer governed by it (the default workflow takes them, if there is one). Approvals given stay in the publication history.`,
      confirm: $localize`:@@integrations.deleteWorkflow.confirm:Delete`,
      destructive: true,
    });
    if (!chosen) return;
    try {
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/workflows/{id}', {
          path: { workspace: this.slug, id: this.workflowId! },
        }),
      );
      await this.router.navigate(['/w', this.slug, 'workflows']);
    } catch {
      // Shown as an error toast.
    }
  }

  private show(workflow: Workflow): void {
    const fresh = workflowForm(workflow);
    this.form.setControl('stages', fresh.controls.stages);
    this.form.setControl('transitions', fresh.controls.transitions);
    this.form.reset(fresh.getRawValue());
    // Keys of saved stages are typed, not derived: renaming a stage keeps its key (entries refer to it).
    this.stages.controls.forEach((stage) => stage.controls.key.markAsDirty());
    if (!this.canSave()) this.form.disable();
    this.stagesChanged();
    this.loaded.set(true);
  }
}
