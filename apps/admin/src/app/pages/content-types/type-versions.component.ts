import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';

type TypeVersion = ResponseOf<'/api/v1/workspaces/{workspace}/content-types/{apiId}/versions', 'get'>[number];

/** A change as the API records it: `{ kind: 'field-changed', field: 'title', details: ['maxLength 200 → 100'] }`. */
interface RecordedChange {
  kind?: string;
  field?: string;
  from?: string;
  to?: string;
  details?: string[];
}

/** The type's version history (GET …/versions, newest first): when, by whom, and what changed. */
@Component({
  selector: 'quire-type-versions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    <section aria-labelledby="history-heading">
      <h2 id="history-heading" i18n="@@types.history.heading">History</h2>
      @if (versions(); as versions) {
        <ol class="history" data-testid="type-history">
          @for (version of versions; track version.version) {
            <li>
              <strong i18n="@@types.history.version">Version {{ version.version }}</strong>
              <span class="note"> · {{ version.createdAt | date: 'medium' }} · {{ version.actor.type }} </span>
              @if (version.changes.length === 0) {
                <div class="note" i18n="@@types.history.created">Created</div>
              } @else {
                <ul>
                  @for (change of changesOf(version); track $index) {
                    <li>{{ describe(change) }}</li>
                  }
                </ul>
              }
            </li>
          }
        </ol>
      } @else {
        <p class="note" role="status" i18n="@@common.loading">Loading…</p>
      }
    </section>
  `,
  styles: `
    .history {
      padding-left: 20px;
    }
    .history > li {
      margin-bottom: 8px;
    }
    .note {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class TypeVersionsComponent {
  private readonly api = inject(ApiClient);

  readonly workspace = input.required<string>();
  readonly apiId = input.required<string>();
  /** Changes after a save, so the list loads again. */
  readonly reload = input(0);

  protected readonly versions = signal<TypeVersion[] | null>(null);

  constructor() {
    effect(() => {
      this.reload();
      void this.load(this.workspace(), this.apiId());
    });
  }

  private async load(workspace: string, apiId: string): Promise<void> {
    try {
      this.versions.set(
        await firstValueFrom(
          this.api.get('/api/v1/workspaces/{workspace}/content-types/{apiId}/versions', {
            path: { workspace, apiId },
            silent: true,
          }),
        ),
      );
    } catch {
      this.versions.set([]);
    }
  }

  protected changesOf(version: TypeVersion): RecordedChange[] {
    return version.changes as RecordedChange[];
  }

  protected describe(change: RecordedChange): string {
    const subject = change.from && change.to ? `${change.from} → ${change.to}` : (change.field ?? '');
    const details = change.details?.length ? `: ${change.details.join(', ')}` : '';
    return [change.kind, subject].filter(Boolean).join(' ') + details;
  }
}
