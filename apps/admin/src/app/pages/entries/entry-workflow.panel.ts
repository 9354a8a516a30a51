import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { firstValueFrom, type Observable } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { SessionStore } from '../../state/session.store';
import { WorkspacesStore } from '../../state/workspaces.store';
import type { Member } from './entry-members';

type WorkflowState = ResponseOf<'/api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/workflow', 'get'>;

/**
 * The locale's place in the editorial workflow (docs/content/workflow.md): its stage, the approvals counted in this
 * visit of it (who approved, and whether on the current values), the moves the member's role may make, Approve for
 * members who may approve, and the assignee and reviewers (changed by members with `assign`).
 */
@Component({
  selector: 'quire-entry-workflow',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButton],
  template: `
    <section class="panel" aria-labelledby="workflow-heading" data-testid="workflow-panel">
      <h2 id="workflow-heading" i18n="@@entries.workflow.heading">Workflow</h2>
      @if (state(); as state) {
        @if (state.workflow && state.stage) {
          <p>
            <span class="stage" [style.border-color]="state.stage.color" data-testid="workflow-stage">{{
              state.stage.name
            }}</span>
            <span class="note"> · {{ state.workflow.name }}</span>
          </p>
          @if (state.stage.requiredApprovals > 0) {
            <p data-testid="workflow-approvals" i18n="@@entries.workflow.count">
              {{ state.currentApprovals }} of {{ state.stage.requiredApprovals }} approvals
            </p>
          }
          @if (state.approvals.length > 0) {
            <ul class="plain">
              @for (approval of state.approvals; track approval.id) {
                <li [class.stale]="!approval.fresh">
                  <ng-container i18n="@@entries.workflow.approvedBy"
                    >Approved by {{ nameOf(approval.approverId) }}</ng-container
                  >
                  <span class="note"> · {{ approval.createdAt | date: 'short' }}</span>
                  @if (!approval.fresh) {
                    <span class="note" i18n="@@entries.workflow.stale"> (on older values)</span>
                  }
                </li>
              }
            </ul>
          }
          <div class="actions">
            @if (canApprove()) {
              <button mat-stroked-button type="button" [disabled]="busy()" (click)="approve()" data-testid="approve">
                <ng-container i18n="@@entries.workflow.approve">Approve</ng-container>
              </button>
            }
            @for (transition of allowedMoves(); track transition.to) {
              <button
                mat-stroked-button
                type="button"
                [disabled]="busy()"
                (click)="move(transition.to)"
                [attr.data-move]="transition.to"
                i18n="@@entries.workflow.move"
              >
                Move to {{ transition.name }}
              </button>
            }
          </div>
          @if (state.workflow.publishStage && !state.publishable) {
            <p class="note" i18n="@@entries.workflow.gate">Publishing needs the stage "{{ publishStageName() }}".</p>
          }
          <h3 i18n="@@entries.workflow.assignment">Assignment</h3>
          @if (canAssign()) {
            <label class="stacked">
              <span i18n="@@entries.workflow.assignee">Assignee</span>
              <select
                [value]="state.assigneeId ?? ''"
                (change)="assign($any($event.target).value, state.reviewerIds)"
                data-testid="assignee"
              >
                <option value="" i18n="@@entries.workflow.nobody">Nobody</option>
                @for (member of members(); track member.userId) {
                  <option [value]="member.userId" [selected]="member.userId === state.assigneeId">
                    {{ member.displayName }}
                  </option>
                }
              </select>
            </label>
            <fieldset class="reviewers">
              <legend i18n="@@entries.workflow.reviewers">Reviewers</legend>
              @for (member of members(); track member.userId) {
                <label>
                  <input
                    type="checkbox"
                    [checked]="state.reviewerIds.includes(member.userId)"
                    (change)="toggleReviewer(member.userId, $any($event.target).checked)"
                  />
                  {{ member.displayName }}
                </label>
              }
            </fieldset>
          } @else {
            <p>
              <ng-container i18n="@@entries.workflow.assignee">Assignee</ng-container>:
              {{ state.assigneeId ? nameOf(state.assigneeId) : '—' }}
            </p>
          }
        } @else {
          <p class="note" i18n="@@entries.workflow.none">No workflow governs this type: publishing is not gated.</p>
        }
      } @else {
        <p class="note" role="status" i18n="@@common.loading">Loading…</p>
      }
    </section>
  `,
  styleUrl: './entry-panels.scss',
})
export class EntryWorkflowPanel {
  readonly workspace = input.required<string>();
  readonly entryId = input.required<string>();
  readonly locale = input.required<string>();
  readonly members = input<Member[]>([]);
  /** Bumped by the editor when something elsewhere changed the workflow state (a save, the event stream). */
  readonly refresh = input(0);
  readonly changed = output<WorkflowState>();

  private readonly api = inject(ApiClient);
  private readonly store = inject(WorkspacesStore);
  private readonly session = inject(SessionStore);
  protected readonly state = signal<WorkflowState | null>(null);
  protected readonly busy = signal(false);

  protected readonly allowedMoves = computed(() => this.state()?.transitions.filter((t) => t.allowed) ?? []);
  protected readonly canAssign = computed(() => this.store.can('assign', 'Entry'));
  protected readonly canApprove = computed(() => {
    const state = this.state();
    const me = this.session.me()?.id;
    if (!state?.stage || state.stage.requiredApprovals === 0 || !this.store.can('approve', 'Entry')) return false;
    return !state.approvals.some((a) => a.approverId === me && a.current && a.fresh);
  });
  protected readonly publishStageName = computed(() => {
    const state = this.state();
    const key = state?.workflow?.publishStage;
    return state?.transitions.find((t) => t.to === key)?.name ?? key ?? '';
  });

  constructor() {
    effect(() => {
      this.refresh();
      const [workspace, id, locale] = [this.workspace(), this.entryId(), this.locale()];
      untracked(() => void this.load(workspace, id, locale));
    });
  }

  protected nameOf(userId: string | null): string {
    return this.members().find((m) => m.userId === userId)?.displayName ?? userId ?? '—';
  }

  private async load(workspace: string, id: string, locale: string): Promise<void> {
    const state = await firstValueFrom(
      this.api.get('/api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/workflow', {
        path: { workspace, id, locale },
        silent: true,
      }),
    ).catch(() => null);
    if (state) this.state.set(state);
  }

  protected async approve(): Promise<void> {
    const state = this.state();
    if (!state) return;
    await this.act(
      this.api.post('/api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/approvals', {
        path: this.path(),
        body: { revision: state.contentRevision },
      }),
    );
  }

  protected async move(stage: string): Promise<void> {
    await this.act(
      this.api.post('/api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/stage', {
        path: this.path(),
        body: { stage },
      }),
    );
  }

  protected async assign(assigneeId: string, reviewerIds: string[]): Promise<void> {
    await this.act(
      this.api.put('/api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/assignment', {
        path: this.path(),
        body: { assigneeId: assigneeId || null, reviewerIds },
      }),
    );
  }

  protected async toggleReviewer(userId: string, on: boolean): Promise<void> {
    const state = this.state();
    if (!state) return;
    const reviewers = on ? [...state.reviewerIds, userId] : state.reviewerIds.filter((id) => id !== userId);
    await this.assign(state.assigneeId ?? '', reviewers);
  }

  private path() {
    return { workspace: this.workspace(), id: this.entryId(), locale: this.locale() };
  }

  /** Refusals (a missing approval, a role the transition does not name) arrive as error toasts. */
  private async act(call: Observable<WorkflowState>): Promise<void> {
    this.busy.set(true);
    try {
      const state = await firstValueFrom(call);
      this.state.set(state);
      this.changed.emit(state);
    } catch {
      await this.load(this.workspace(), this.entryId(), this.locale());
    } finally {
      this.busy.set(false);
    }
  }
}
