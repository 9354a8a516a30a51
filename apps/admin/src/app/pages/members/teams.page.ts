import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import type { ProblemDetails } from '../../api/problem-details';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { WorkspacesStore } from '../../state/workspaces.store';
import { type Member, type Team } from './access-data';
import { AccessTabsComponent } from './access-tabs.component';

/** A workspace's teams: create, rename, delete, add and remove members, as the member's rules allow. */
@Component({
  selector: 'quire-teams-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput, MatError, AccessTabsComponent],
  template: `
    <div class="page">
      <h1 i18n="@@teams.heading">Teams</h1>
      <quire-access-tabs />

      @if (canCreate()) {
        <form class="inline" [formGroup]="createForm" (ngSubmit)="create()" novalidate data-testid="team-create-form">
          <mat-form-field appearance="outline">
            <mat-label i18n="@@teams.newName">New team name</mat-label>
            <input matInput formControlName="name" required />
            <mat-error>{{ fieldError(createForm.controls.name) }}</mat-error>
          </mat-form-field>
          <button mat-flat-button type="submit" data-testid="team-create" i18n="@@teams.create">Create team</button>
        </form>
        @if (problem(); as problem) {
          <div class="form-error" role="alert" data-testid="form-error">{{ problem.title }}</div>
        }
      }

      @if (teams() === null) {
        <p role="status" class="note" i18n="@@common.loading">Loading…</p>
        <div class="skeleton" aria-hidden="true"></div>
      } @else if (teams()!.length === 0) {
        <p class="empty" data-testid="teams-empty" i18n="@@teams.empty">No teams yet.</p>
      } @else {
        @for (team of teams(); track team.id) {
          <section [attr.data-team]="team.name" [attr.aria-label]="team.name">
            <h2>{{ team.name }}</h2>
            @if (canUpdate()) {
              <div class="actions">
                <mat-form-field appearance="outline">
                  <mat-label i18n="@@teams.rename">Rename</mat-label>
                  <input matInput #rename [value]="team.name" />
                </mat-form-field>
                <button mat-button type="button" (click)="renameTeam(team, rename.value)" i18n="@@teams.saveName">
                  Save name
                </button>
                @if (canDelete()) {
                  <button mat-button type="button" (click)="remove(team)" i18n="@@teams.delete">Delete team</button>
                }
              </div>
            }
            <ul class="members">
              @for (userId of team.memberIds; track userId) {
                <li class="chip">
                  {{ memberName(userId) }}
                  @if (canUpdate()) {
                    <button
                      mat-button
                      type="button"
                      [attr.aria-label]="removeLabel(userId, team)"
                      (click)="removeMember(team, userId)"
                    >
                      ×
                    </button>
                  }
                </li>
              } @empty {
                <li class="note" i18n="@@teams.noMembers">No members.</li>
              }
            </ul>
            @if (canUpdate()) {
              <div class="actions">
                <select #pick [attr.aria-label]="addLabel(team)">
                  @for (member of members(); track member.userId) {
                    @if (!team.memberIds.includes(member.userId)) {
                      <option [value]="member.userId">{{ member.displayName }}</option>
                    }
                  }
                </select>
                <button mat-button type="button" (click)="addMember(team, pick.value)" i18n="@@teams.addMember">
                  Add member
                </button>
              </div>
            }
          </section>
        }
      }
    </div>
  `,
  styleUrl: './members.scss',
})
export class TeamsPage {
  private readonly api = inject(ApiClient);
  private readonly workspaces = inject(WorkspacesStore);

  protected readonly teams = signal<Team[] | null>(null);
  protected readonly members = signal<Member[]>([]);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly fieldError = fieldError;
  protected readonly canCreate = computed(() => this.workspaces.can('create', 'Team'));
  protected readonly canUpdate = computed(() => this.workspaces.can('update', 'Team'));
  protected readonly canDelete = computed(() => this.workspaces.can('delete', 'Team'));

  protected readonly createForm = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  constructor() {
    void this.reload();
  }

  private get slug(): string {
    return this.workspaces.currentSlugValue() ?? '';
  }

  private async reload(): Promise<void> {
    const workspace = this.slug;
    try {
      const [teams, members] = await Promise.all([
        firstValueFrom(this.api.get('/api/v1/workspaces/{workspace}/teams', { path: { workspace } })),
        firstValueFrom(this.api.get('/api/v1/workspaces/{workspace}/members', { path: { workspace } })),
      ]);
      this.members.set(members);
      this.teams.set(teams);
    } catch {
      this.teams.set([]);
    }
  }

  protected memberName(userId: string): string {
    return this.members().find((m) => m.userId === userId)?.displayName ?? userId;
  }

  protected removeLabel(userId: string, team: Team): string {
    return $localize`:@@teams.removeMember:Remove ${this.memberName(userId)}:name: from ${team.name}:team:`;
  }

  protected addLabel(team: Team): string {
    return $localize`:@@teams.pickMember:Member to add to ${team.name}:team:`;
  }

  private replace(team: Team): void {
    this.teams.update((list) => list?.map((t) => (t.id === team.id ? team : t)) ?? null);
  }

  protected async create(): Promise<void> {
    this.createForm.markAllAsTouched();
    if (this.createForm.invalid) return;
    this.problem.set(null);
    try {
      const team = await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/teams', {
          path: { workspace: this.slug },
          body: this.createForm.getRawValue(),
          silent: true,
        }),
      );
      this.teams.update((list) => [...(list ?? []), team]);
      this.createForm.reset();
    } catch (error) {
      this.problem.set(showProblemOnForm(this.createForm, error));
    }
  }

  protected async renameTeam(team: Team, name: string): Promise<void> {
    try {
      this.replace(
        await firstValueFrom(
          this.api.patch('/api/v1/workspaces/{workspace}/teams/{teamId}', {
            path: { workspace: this.slug, teamId: team.id },
            body: { name },
          }),
        ),
      );
    } catch {
      // Shown as an error toast.
    }
  }

  protected async remove(team: Team): Promise<void> {
    try {
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/teams/{teamId}', {
          path: { workspace: this.slug, teamId: team.id },
        }),
      );
      this.teams.update((list) => list?.filter((t) => t.id !== team.id) ?? null);
    } catch {
      // Shown as an error toast.
    }
  }

  protected async addMember(team: Team, userId: string): Promise<void> {
    if (!userId) return;
    await this.changeMembership(team, userId, 'put');
  }

  protected async removeMember(team: Team, userId: string): Promise<void> {
    await this.changeMembership(team, userId, 'delete');
  }

  /** Adding answers the team; removing answers nothing, so the team is read again. */
  private async changeMembership(team: Team, userId: string, method: 'put' | 'delete'): Promise<void> {
    const options = { path: { workspace: this.slug, teamId: team.id, userId } };
    try {
      if (method === 'put') {
        this.replace(
          await firstValueFrom(this.api.put('/api/v1/workspaces/{workspace}/teams/{teamId}/members/{userId}', options)),
        );
      } else {
        await firstValueFrom(
          this.api.delete('/api/v1/workspaces/{workspace}/teams/{teamId}/members/{userId}', options),
        );
        this.replace(
          await firstValueFrom(
            this.api.get('/api/v1/workspaces/{workspace}/teams/{teamId}', {
              path: { workspace: this.slug, teamId: team.id },
            }),
          ),
        );
      }
    } catch {
      // Shown as an error toast.
    }
  }
}
