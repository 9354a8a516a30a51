import {
  ElementRef,
  viewChildren,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { FormControl } from '@angular/forms';
import { MatAutocomplete, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import { entryTitle, fieldsOf, titleField, type FieldDef } from './entry-model';

interface Option {
  id: string;
  title: string;
}

/**
 * A relation field: the linked entries as chips (Backspace in the empty search reaches the last one, Delete or
 * Backspace removes it) and a search over the
 * target type's entries through the list API (`contains` on its title field, ten at a time), chosen with the arrow
 * keys and Enter. A single relation holds one entry; choosing another replaces it.
 */
@Component({
  selector: 'quire-relation-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatFormField, MatLabel, MatHint, MatInput, MatAutocomplete, MatAutocompleteTrigger, MatOption],
  template: `
    @if (selected().length > 0) {
      <ul class="chips" [attr.aria-label]="label()">
        @for (id of selected(); track id) {
          <li [attr.data-relation]="id">
            {{ titles()[id] || id }}
            <button
              #removeButton
              type="button"
              [disabled]="disabled()"
              [attr.aria-label]="removeLabel(id)"
              (click)="remove(id, searchInput)"
              (keydown.delete)="remove(id, searchInput)"
              (keydown.backspace)="remove(id, searchInput)"
            >
              ×
            </button>
          </li>
        }
      </ul>
    }
    <mat-form-field appearance="outline" class="full" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <input
        #searchInput
        matInput
        [id]="inputId()"
        [disabled]="disabled()"
        [matAutocomplete]="auto"
        [attr.aria-describedby]="describedBy()"
        (input)="search(searchInput.value)"
        (focus)="search(searchInput.value)"
        (keydown.backspace)="toLastChip(searchInput)"
        data-testid="relation-search"
      />
      <mat-autocomplete #auto="matAutocomplete" (optionSelected)="add($event.option.value, searchInput)">
        @for (option of options(); track option.id) {
          <mat-option [value]="option.id">{{ option.title }}</mat-option>
        }
      </mat-autocomplete>
      <mat-hint i18n="@@entries.relation.hint">Type to search {{ field().target }} entries</mat-hint>
    </mat-form-field>
  `,
  styles: `
    .full {
      width: 100%;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      list-style: none;
      padding: 0;
      margin: 0 0 8px;
    }
    .chips li {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 4px 2px 12px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .chips button {
      border: none;
      background: transparent;
      color: inherit;
      font-size: 18px;
      cursor: pointer;
    }
  `,
})
export class RelationPickerComponent implements OnInit {
  readonly control = input.required<FormControl<unknown>>();
  readonly field = input.required<FieldDef>();
  readonly workspace = input.required<string>();
  readonly locale = input.required<string>();
  readonly label = input.required<string>();
  readonly inputId = input.required<string>();
  readonly describedBy = input<string | null>(null);
  readonly disabled = input(false);

  private readonly api = inject(ApiClient);
  private readonly destroyRef = inject(DestroyRef);
  private readonly value = signal<unknown>(null);
  private readonly removeButtons = viewChildren<ElementRef<HTMLButtonElement>>('removeButton');
  private targetFields: FieldDef[] = [];
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly selected = computed(() => {
    const value = this.value();
    if (Array.isArray(value)) return value as string[];
    return typeof value === 'string' ? [value] : [];
  });
  protected readonly titles = signal<Record<string, string>>({});
  protected readonly options = signal<Option[]>([]);

  async ngOnInit(): Promise<void> {
    this.value.set(this.control().value);
    this.control()
      .valueChanges.pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((value) => {
        this.value.set(value);
        void this.resolveTitles();
      });
    try {
      const target = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/content-types/{apiId}', {
          path: { workspace: this.workspace(), apiId: this.field().target ?? '' },
          silent: true,
        }),
      );
      this.targetFields = fieldsOf(target);
    } catch {
      this.targetFields = [];
    }
    await this.resolveTitles();
  }

  protected removeLabel(id: string): string {
    return $localize`:@@entries.relation.remove:Remove ${this.titles()[id] ?? id}:title:`;
  }

  protected search(text: string): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.loadOptions(text.trim()), 250);
  }

  protected add(id: string, inputElement: HTMLInputElement): void {
    const option = this.options().find((o) => o.id === id);
    if (option) this.titles.update((titles) => ({ ...titles, [id]: option.title }));
    const next = this.field().multiple ? [...this.selected().filter((s) => s !== id), id] : id;
    this.setValue(next);
    inputElement.value = '';
  }

  /** Removing a chip with the keyboard leaves the focus in the search, where the next Backspace starts again. */
  protected remove(id: string, searchInput: HTMLInputElement): void {
    this.setValue(this.field().multiple ? this.selected().filter((s) => s !== id) : null);
    searchInput.focus();
  }

  /** Backspace in the empty search goes to the last chip's remove button. */
  protected toLastChip(searchInput: HTMLInputElement): void {
    if (searchInput.value !== '') return;
    this.removeButtons().at(-1)?.nativeElement.focus();
  }

  private setValue(value: unknown): void {
    this.control().setValue(value);
    this.control().markAsDirty();
  }

  private async loadOptions(text: string): Promise<void> {
    const title = titleField(this.targetFields);
    const page = await firstValueFrom(
      this.api.get('/api/v1/workspaces/{workspace}/content-types/{apiId}/entries', {
        path: { workspace: this.workspace(), apiId: this.field().target ?? '' },
        query: {
          locale: this.locale(),
          pageSize: 10,
          filter: title && text ? { [title.name]: { contains: text } } : undefined,
          fields: ['id', ...(title ? [title.name] : [])].join(','),
        },
        silent: true,
      }),
    ).catch(() => null);
    const chosen = new Set(this.selected());
    this.options.set(
      (page?.data ?? [])
        .filter((row) => !chosen.has(row.id))
        .map((row) => ({ id: row.id, title: entryTitle(row.data, this.targetFields, row.id) })),
    );
  }

  /** Titles for linked entries not seen in a search yet (one list request for all of them). */
  private async resolveTitles(): Promise<void> {
    const unknown = this.selected().filter((id) => !(id in this.titles()));
    const title = titleField(this.targetFields);
    if (unknown.length === 0 || !title) return;
    const page = await firstValueFrom(
      this.api.get('/api/v1/workspaces/{workspace}/content-types/{apiId}/entries', {
        path: { workspace: this.workspace(), apiId: this.field().target ?? '' },
        query: {
          locale: this.locale(),
          pageSize: 100,
          filter: { id: { in: unknown.slice(0, 100).join(',') } },
          fields: `id,${title.name}`,
        },
        silent: true,
      }),
    ).catch(() => null);
    const found = Object.fromEntries(
      (page?.data ?? []).map((row) => [row.id, entryTitle(row.data, this.targetFields, row.id)]),
    );
    this.titles.update((titles) => ({ ...titles, ...found }));
  }
}
