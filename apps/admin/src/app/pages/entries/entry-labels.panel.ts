import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';

type Label = ResponseOf<'/api/v1/workspaces/{workspace}/labels', 'get'>['items'][number];

/** The entry's labels: attached ones as chips (removable by members who may edit the entry), and one to add. */
@Component({
  selector: 'quire-entry-labels',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel" aria-labelledby="labels-heading" data-testid="labels-panel">
      <h2 id="labels-heading" i18n="@@entries.labels.heading">Labels</h2>
      @for (label of attached(); track label.id) {
        <span class="chip" [style.border-color]="label.color" [attr.data-label]="label.name">
          {{ label.name }}
          @if (canEdit()) {
            <button type="button" [attr.aria-label]="removeLabel(label)" (click)="detach(label)">×</button>
          }
        </span>
      } @empty {
        <p class="note" i18n="@@entries.labels.none">No labels.</p>
      }
      @if (canEdit() && available().length > 0) {
        <label class="stacked">
          <span i18n="@@entries.labels.add">Add a label</span>
          <select (change)="attach($any($event.target))" data-testid="label-add">
            <option value=""></option>
            @for (label of available(); track label.id) {
              <option [value]="label.id">{{ label.name }}</option>
            }
          </select>
        </label>
      }
    </section>
  `,
  styleUrl: './entry-panels.scss',
})
export class EntryLabelsPanel {
  readonly workspace = input.required<string>();
  readonly entryId = input.required<string>();
  readonly canEdit = input(false);
  /** Bumped by the editor when the event stream reports a label change on the entry. */
  readonly refresh = input(0);

  private readonly api = inject(ApiClient);
  private readonly all = signal<Label[]>([]);
  protected readonly attached = signal<Label[]>([]);
  protected readonly available = computed(() => {
    const taken = new Set(this.attached().map((l) => l.id));
    return this.all().filter((l) => !taken.has(l.id));
  });

  constructor() {
    effect(() => {
      this.refresh();
      const [workspace, id] = [this.workspace(), this.entryId()];
      untracked(() => void this.load(workspace, id));
    });
  }

  protected removeLabel(label: Label): string {
    return $localize`:@@entries.labels.remove:Remove label ${label.name}:name:`;
  }

  private async load(workspace: string, id: string): Promise<void> {
    const [all, attached] = await Promise.all([
      firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/labels', { path: { workspace }, silent: true }),
      ).catch(() => null),
      firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/entries/{id}/labels', { path: { workspace, id }, silent: true }),
      ).catch(() => null),
    ]);
    this.all.set(all?.items ?? []);
    this.attached.set(attached?.items ?? []);
  }

  protected async attach(select: HTMLSelectElement): Promise<void> {
    const labelId = select.value;
    select.value = '';
    if (!labelId) return;
    await firstValueFrom(
      this.api.put('/api/v1/workspaces/{workspace}/entries/{id}/labels/{labelId}', {
        path: { workspace: this.workspace(), id: this.entryId(), labelId },
      }),
    ).catch(() => undefined);
    await this.load(this.workspace(), this.entryId());
  }

  protected async detach(label: Label): Promise<void> {
    await firstValueFrom(
      this.api.delete('/api/v1/workspaces/{workspace}/entries/{id}/labels/{labelId}', {
        path: { workspace: this.workspace(), id: this.entryId(), labelId: label.id },
      }),
    ).catch(() => undefined);
    await this.load(this.workspace(), this.entryId());
  }
}
