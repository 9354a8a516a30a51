import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import type { ProblemDetails } from '../../api/problem-details';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { SessionStore } from '../../state/session.store';
import { WorkspacesStore } from '../../state/workspaces.store';
import { shortDate, type Invitation, type Member, type Role } from './access-data';
import { AccessTabsComponent } from './access-tabs.component';

/**
 * A workspace's members (change a role, remove) and its invitations (invite, resend, cancel). Buttons follow the
 * member's rules; the API's refusals (the last owner, an owner role only an owner may give) arrive as error toasts.
 */
@Component({
  selector: 'quire-members-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput, MatError, AccessTabsComponent],
  template: `
    <div class="page">
      <h1 i18n="@@members.heading">Members</h1>
      <quire-access-tabs />

      @if (members() === null) {
        <p role="status" class="note" i18n="@@common.loading">Loading…</p>
        <div class="skeleton" aria-hidden="true"></div>
        <div class="skeleton" aria-hidden="true"></div>
      } @else {
        <div class="table-wrap">
          <table data-testid="members-table">
            <thead>
              <tr>
                <th scope="col" i18n="@@members.col.name">Name</th>
                <th scope="col" i18n="@@members.col.email">Email</th>
                <th scope="col" i18n="@@members.col.role">Role</th>
                <th scope="col" i18n="@@members.col.joined">Joined</th>
                <th scope="col"><span class="cdk-visually-hidden" i18n="@@access.actions">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (member of members(); track member.userId) {
                <tr [attr.data-member]="member.email">
                  <td>{{ member.displayName }}</td>
                  <td>{{ member.email }}</td>
                  <td>
                    @if (canUpdate()) {
                      <select
                        class="role-select"
                        [attr.aria-label]="roleLabel(member)"
                        data-testid="member-role"
                        [value]="member.role"
                        (change)="changeRole(member, $any($event.target))"
                      >
                        @for (role of roleChoices(member); track role.key) {
                          <option [value]="role.key" [selected]="role.key === member.role">{{ role.name }}</option>
                        }
                      </select>
                    } @else {
                      {{ member.role }}
                    }
                  </td>
                  <td>{{ shortDate(member.createdAt) }}</td>
                  <td>
                    @if (canRemove(member)) {
                      <button mat-button type="button" data-testid="member-remove" (click)="remove(member)">
                        {{ member.userId === myId() ? leaveText : removeText }}
                      </button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }

      @if (canReadInvitations()) {
        <h2 i18n="@@invitations.heading">Invitations</h2>
        @if (canInvite()) {
          <form class="inline" [formGroup]="inviteForm" (ngSubmit)="invite()" novalidate data-testid="invite-form">
            <mat-form-field appearance="outline">
              <mat-label i18n="@@invitations.email">Email address</mat-label>
              <input matInput type="email" formControlName="email" required />
              <mat-error>{{ fieldError(inviteForm.controls.email) }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label i18n="@@invitations.role">Role</mat-label>
              <select matNativeControl formControlName="role" required>
                @for (role of roles(); track role.key) {
                  <option [value]="role.key">{{ role.name }}</option>
                }
              </select>
              <mat-error>{{ fieldError(inviteForm.controls.role) }}</mat-error>
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="invite-submit">
              <ng-container i18n="@@invitations.send">Invite</ng-container>
            </button>
          </form>
          @if (inviteProblem(); as problem) {
            <div class="form-error" role="alert" data-testid="form-error">{{ problem.title }}</div>
          }
          @if (invited()) {
            <p role="status" class="note" data-testid="invite-sent" i18n="@@invitations.sent">Invitation sent.</p>
          }
        }
        @if (invitations() === null) {
          <p role="status" class="note" i18n="@@common.loading">Loading…</p>
        } @else if (invitations()!.length === 0) {
          <p class="empty" data-testid="invitations-empty" i18n="@@invitations.empty">No pending invitations.</p>
        } @else {
          <div class="table-wrap">
            <table data-testid="invitations-table">
              <thead>
                <tr>
                  <th scope="col" i18n="@@members.col.email">Email</th>
                  <th scope="col" i18n="@@members.col.role">Role</th>
                  <th scope="col" i18n="@@invitations.col.status">Status</th>
                  <th scope="col" i18n="@@invitations.col.expires">Expires</th>
                  <th scope="col"><span class="cdk-visually-hidden" i18n="@@access.actions">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                @for (invitation of invitations(); track invitation.id) {
                  <tr [attr.data-invitation]="invitation.email">
                    <td>{{ invitation.email }}</td>
                    <td>{{ invitation.role }}</td>
                    <td>{{ invitation.status }}</td>
                    <td>{{ shortDate(invitation.expiresAt) }}</td>
                    <td class="actions">
                      @if (canResend()) {
                        <button mat-button type="button" data-testid="invitation-resend" (click)="resend(invitation)">
                          <ng-container i18n="@@invitations.resend">Resend</ng-container>
                        </button>
                      }
                      @if (canCancel()) {
                        <button mat-button type="button" data-testid="invitation-cancel" (click)="cancel(invitation)">
                          <ng-container i18n="@@invitations.cancel">Cancel invitation</ng-container>
                        </button>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      }
    </div>
  `,
  styleUrl: './members.scss',
})
export class MembersPage {
  private readonly api = inject(ApiClient);
  private readonly workspaces = inject(WorkspacesStore);
  private readonly session = inject(SessionStore);

  protected readonly members = signal<Member[] | null>(null);
  protected readonly roles = signal<Role[]>([]);
  protected readonly invitations = signal<Invitation[] | null>(null);
  protected readonly myId = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly invited = signal(false);
  protected readonly inviteProblem = signal<ProblemDetails | null>(null);
  protected readonly fieldError = fieldError;
  protected readonly shortDate = shortDate;
  protected readonly leaveText = $localize`:@@members.leave:Leave`;
  protected readonly removeText = $localize`:@@members.remove:Remove`;

  protected readonly canUpdate = computed(() => this.workspaces.can('update', 'WorkspaceMember'));
  private readonly canDelete = computed(() => this.workspaces.can('delete', 'WorkspaceMember'));
  protected readonly canReadInvitations = computed(() => this.workspaces.can('read', 'Invitation'));
  protected readonly canInvite = computed(() => this.workspaces.can('create', 'Invitation'));
  protected readonly canResend = computed(() => this.workspaces.can('update', 'Invitation'));
  protected readonly canCancel = computed(() => this.workspaces.can('delete', 'Invitation'));

  protected readonly inviteForm = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    role: new FormControl('editor', { nonNullable: true, validators: [Validators.required] }),
  });

  constructor() {
    void this.session.current().then((user) => this.myId.set(user?.id ?? null));
    void this.reload();
  }

  private get slug(): string {
    return this.workspaces.currentSlugValue() ?? '';
  }

  /** Every member may leave; removing others follows `delete WorkspaceMember` (conditions are the API's to check). */
  protected canRemove(member: Member): boolean {
    return this.canDelete() && (this.canUpdate() || member.userId === this.myId());
  }

  protected roleLabel(member: Member): string {
    return $localize`:@@members.roleOf:Role of ${member.displayName}:name:`;
  }

  /** The roles to pick from, with the member's own even when the list does not hold it. */
  protected roleChoices(member: Member): Array<{ key: string; name: string }> {
    const roles = this.roles().map((role) => ({ key: role.key, name: role.name }));
    return roles.some((role) => role.key === member.role) ? roles : [{ key: member.role, name: member.role }, ...roles];
  }

  private async reload(): Promise<void> {
    const workspace = this.slug;
    const [members, roles] = await Promise.all([
      firstValueFrom(this.api.get('/api/v1/workspaces/{workspace}/members', { path: { workspace } })),
      this.workspaces.can('read', 'Role')
        ? firstValueFrom(this.api.get('/api/v1/workspaces/{workspace}/roles', { path: { workspace } }))
        : Promise.resolve([] as Role[]),
    ]).catch(() => [[], []] as [Member[], Role[]]);
    this.members.set(members);
    this.roles.set(roles);
    await this.reloadInvitations();
  }

  private async reloadInvitations(): Promise<void> {
    if (!this.canReadInvitations()) return;
    try {
      const list = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/invitations', {
          path: { workspace: this.slug },
          query: { pageSize: 100 },
        }),
      );
      this.invitations.set(list.data.filter((i) => i.status === 'pending' || i.status === 'expired'));
    } catch {
      this.invitations.set([]);
    }
  }

  protected async changeRole(member: Member, select: HTMLSelectElement): Promise<void> {
    try {
      const updated = await firstValueFrom(
        this.api.patch('/api/v1/workspaces/{workspace}/members/{userId}', {
          path: { workspace: this.slug, userId: member.userId },
          body: { role: select.value },
        }),
      );
      this.members.update((list) => list?.map((m) => (m.userId === updated.userId ? updated : m)) ?? null);
    } catch {
      // The toast said why; the control goes back to the role the member still holds.
      select.value = member.role;
    }
  }

  protected async remove(member: Member): Promise<void> {
    try {
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/members/{userId}', {
          path: { workspace: this.slug, userId: member.userId },
        }),
      );
      this.members.update((list) => list?.filter((m) => m.userId !== member.userId) ?? null);
    } catch {
      // Shown as an error toast (e.g. the last owner cannot leave).
    }
  }

  protected async invite(): Promise<void> {
    this.inviteForm.markAllAsTouched();
    if (this.inviteForm.invalid || this.busy()) return;
    this.busy.set(true);
    this.invited.set(false);
    this.inviteProblem.set(null);
    try {
      await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/invitations', {
          path: { workspace: this.slug },
          body: this.inviteForm.getRawValue(),
          silent: true,
        }),
      );
      this.invited.set(true);
      this.inviteForm.reset({ email: '', role: this.inviteForm.controls.role.value });
      await this.reloadInvitations();
    } catch (error) {
      this.inviteProblem.set(showProblemOnForm(this.inviteForm, error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async resend(invitation: Invitation): Promise<void> {
    try {
      await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/invitations/{id}/resend', {
          path: { workspace: this.slug, id: invitation.id },
        }),
      );
      await this.reloadInvitations();
    } catch {
      // Shown as an error toast.
    }
  }

  protected async cancel(invitation: Invitation): Promise<void> {
    try {
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/invitations/{id}', {
          path: { workspace: this.slug, id: invitation.id },
        }),
      );
      this.invitations.update((list) => list?.filter((i) => i.id !== invitation.id) ?? null);
    } catch {
      // Shown as an error toast.
    }
  }
}
