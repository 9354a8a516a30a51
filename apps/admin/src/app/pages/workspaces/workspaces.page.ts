import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { ProblemDetailsComponent } from '../../shared/problem-details.component';
import { SessionStore } from '../../state/session.store';
import { WorkspacesStore } from '../../state/workspaces.store';

/** Home after sign-in: the user's workspaces, or an empty state that leads to creating the first one. */
@Component({
  selector: 'quire-workspaces-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButton, ProblemDetailsComponent],
  template: `
    <div class="page">
      <h1 i18n="@@workspaces.heading">Your workspaces</h1>
      @let list = store.list();
      @switch (list.status) {
        @case ('loading') {
          <div class="skeletons" role="status" aria-label="Loading workspaces" i18n-aria-label="@@workspaces.loading">
            <div class="skeleton"></div>
            <div class="skeleton"></div>
          </div>
        }
        @case ('error') {
          <quire-problem-details [problem]="list.problem" />
          <button mat-stroked-button type="button" (click)="store.load()" i18n="@@common.retry">Try again</button>
        }
        @case ('ready') {
          @if (list.value.length === 0) {
            <div class="empty" data-testid="workspaces-empty">
              <h2 i18n="@@workspaces.emptyTitle">No workspace yet</h2>
              <p i18n="@@workspaces.emptyText">
                A workspace holds your content, media and members. Create one to start, or accept an invitation from a
                colleague.
              </p>
              <a mat-flat-button routerLink="/workspaces/new" i18n="@@workspaces.createFirst"
                >Create your first workspace</a
              >
            </div>
          } @else {
            <ul class="list" data-testid="workspaces-list">
              @for (workspace of list.value; track workspace.id) {
                <li>
                  <a [routerLink]="['/w', workspace.slug]" [attr.data-workspace]="workspace.slug">
                    <span class="name">{{ workspace.name }}</span>
                    <span class="meta">{{ workspace.slug }} · {{ workspace.role }}</span>
                  </a>
                </li>
              }
            </ul>
            <a mat-stroked-button routerLink="/workspaces/new" i18n="@@workspaces.create">Create a workspace</a>
          }
        }
      }
    </div>
  `,
  styleUrl: './workspaces.scss',
})
export class WorkspacesPage implements OnInit {
  protected readonly store = inject(WorkspacesStore);
  protected readonly session = inject(SessionStore);

  ngOnInit(): void {
    this.store.load();
  }
}
