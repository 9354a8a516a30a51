import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { WorkspacesStore } from '../../state/workspaces.store';
import type { Member } from './entry-members';

type Comment = ResponseOf<'/api/v1/workspaces/{workspace}/entries/{id}/comments', 'get'>['data'][number];

/** Comments on the entry, newest first (the latest 50), and a new one about the locale being edited. */
@Component({
  selector: 'quire-entry-comments',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButton],
  template: `
    <section class="panel" aria-labelledby="comments-heading" data-testid="comments-panel">
      <h2 id="comments-heading" i18n="@@entries.comments.heading">Comments</h2>
      @if (canComment()) {
        <label class="stacked">
          <span i18n="@@entries.comments.new">New comment</span>
          <textarea rows="3" #body data-testid="comment-body"></textarea>
        </label>
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="post(body)" data-testid="comment-post">
          <ng-container i18n="@@entries.comments.post">Comment</ng-container>
        </button>
      }
      @for (comment of comments(); track comment.id) {
        <div class="comment" data-testid="comment">
          <strong>{{ nameOf(comment.authorId) }}</strong>
          <span class="note">
            · {{ comment.createdAt | date: 'short' }}
            @if (comment.locale) {
              · {{ comment.locale }}
            }
          </span>
          <p>{{ comment.body }}</p>
        </div>
      } @empty {
        <p class="note" i18n="@@entries.comments.none">No comments yet.</p>
      }
    </section>
  `,
  styleUrl: './entry-panels.scss',
})
export class EntryCommentsPanel {
  readonly workspace = input.required<string>();
  readonly entryId = input.required<string>();
  readonly locale = input.required<string>();
  readonly members = input<Member[]>([]);
  /** Bumped by the editor when the event stream reports a comment on the entry. */
  readonly refresh = input(0);

  private readonly api = inject(ApiClient);
  private readonly store = inject(WorkspacesStore);
  protected readonly comments = signal<Comment[]>([]);
  protected readonly busy = signal(false);
  protected readonly canComment = computed(() => this.store.can('create', 'EntryComment'));

  constructor() {
    effect(() => {
      this.refresh();
      const [workspace, id] = [this.workspace(), this.entryId()];
      untracked(() => void this.load(workspace, id));
    });
  }

  protected nameOf(userId: string | null): string {
    return this.members().find((m) => m.userId === userId)?.displayName ?? userId ?? '—';
  }

  private async load(workspace: string, id: string): Promise<void> {
    const page = await firstValueFrom(
      this.api.get('/api/v1/workspaces/{workspace}/entries/{id}/comments', {
        path: { workspace, id },
        query: { sort: '-createdAt', pageSize: 50 },
        silent: true,
      }),
    ).catch(() => null);
    this.comments.set(page?.data ?? []);
  }

  protected async post(textarea: HTMLTextAreaElement): Promise<void> {
    const body = textarea.value.trim();
    if (!body || this.busy()) return;
    this.busy.set(true);
    try {
      await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/entries/{id}/comments', {
          path: { workspace: this.workspace(), id: this.entryId() },
          body: { body, locale: this.locale(), mentions: [] },
        }),
      );
      textarea.value = '';
      await this.load(this.workspace(), this.entryId());
    } catch {
      // The error toast says why.
    } finally {
      this.busy.set(false);
    }
  }
}
