import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { EntryTitles } from './entry-titles';
import { entryStatusLabel } from './release-labels';

type ContentType = ResponseOf<'/api/v1/workspaces/{workspace}/content-types', 'get'>['data'][number];

export interface PickedItem {
  entryId: string;
  locale: string;
  action: 'publish' | 'unpublish';
}

interface Found {
  id: string;
  title: string | null;
  status: string;
}

/**
 * Finds an entry to add to a release: a type, words of its title (the type's first text field, in the chosen
 * locale's drafts), then the locale and whether the release publishes or unpublishes it.
 */
@Component({
  selector: 'quire-release-item-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput],
  template: `
    <form [formGroup]="form" (ngSubmit)="search()" class="inline" novalidate data-testid="item-search">
      <mat-form-field appearance="outline">
        <mat-label i18n="@@publishing.picker.type">Content type</mat-label>
        <select matNativeControl formControlName="type" required>
          @for (type of types(); track type.apiId) {
            <option [value]="type.apiId">{{ type.name }}</option>
          }
        </select>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label i18n="@@publishing.picker.locale">Locale</mat-label>
        <select matNativeControl formControlName="locale">
          @for (locale of locales(); track locale) {
            <option [value]="locale">{{ locale }}</option>
          }
        </select>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label i18n="@@publishing.picker.title">Title contains</mat-label>
        <input matInput formControlName="query" type="search" />
      </mat-form-field>
      <button mat-stroked-button type="submit" [disabled]="searching()" data-testid="item-search-submit">
        <ng-container i18n="@@publishing.picker.search">Search</ng-container>
      </button>
    </form>

    @if (found(); as found) {
      @if (found.length === 0) {
        <p class="note" role="status" i18n="@@publishing.picker.none">No entry of this type matches in this locale.</p>
      } @else {
        <fieldset class="plain">
          <legend class="note" i18n="@@publishing.picker.choose">Choose an entry</legend>
          <ul class="results" data-testid="item-results">
            @for (entry of found; track entry.id) {
              <li>
                <label>
                  <input
                    type="radio"
                    name="picked-entry"
                    [value]="entry.id"
                    [checked]="picked() === entry.id"
                    (change)="picked.set(entry.id)"
                  />
                  @if (entry.title) {
                    {{ entry.title }}
                  } @else {
                    <span class="mono">{{ entry.id }}</span>
                  }
                  <span class="note">({{ statusLabel(entry.status) }})</span>
                </label>
              </li>
            }
          </ul>
        </fieldset>
        <div class="inline">
          <mat-form-field appearance="outline">
            <mat-label i18n="@@publishing.picker.action">Action</mat-label>
            <select matNativeControl [formControl]="action">
              <option value="publish" i18n="@@publishing.release.action.publish">Publish</option>
              <option value="unpublish" i18n="@@publishing.release.action.unpublish">Unpublish</option>
            </select>
          </mat-form-field>
          <button mat-flat-button type="button" [disabled]="!picked() || busy()" (click)="add()" data-testid="item-add">
            <ng-container i18n="@@publishing.picker.add">Add to the release</ng-container>
          </button>
        </div>
      }
    }
  `,
  styleUrl: './publishing.scss',
  styles: `
    fieldset.plain {
      border: 0;
      margin: 0;
      padding: 0;
    }
  `,
})
export class ReleaseItemPicker {
  readonly workspace = input.required<string>();
  readonly locales = input.required<string[]>();
  readonly defaultLocale = input.required<string>();
  readonly busy = input(false);
  readonly picks = output<PickedItem>();

  private readonly api = inject(ApiClient);
  private readonly titles = inject(EntryTitles);

  protected readonly types = signal<ContentType[]>([]);
  protected readonly found = signal<Found[] | null>(null);
  protected readonly picked = signal<string | null>(null);
  protected readonly searching = signal(false);
  protected readonly statusLabel = entryStatusLabel;
  protected readonly form = new FormGroup({
    type: new FormControl('', { nonNullable: true }),
    locale: new FormControl('', { nonNullable: true }),
    query: new FormControl('', { nonNullable: true }),
  });
  protected readonly action = new FormControl<'publish' | 'unpublish'>('publish', { nonNullable: true });

  constructor() {
    effect(() => {
      const workspace = this.workspace();
      this.form.controls.locale.setValue(this.defaultLocale());
      void this.loadTypes(workspace);
    });
    // A result list belongs to the type and locale it was searched in.
    this.form.controls.type.valueChanges.subscribe(() => this.clear());
    this.form.controls.locale.valueChanges.subscribe(() => this.clear());
  }

  private async loadTypes(workspace: string): Promise<void> {
    try {
      const types = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/content-types', {
          path: { workspace },
          query: { pageSize: 100, sort: 'name' },
        }),
      );
      const entryTypes = types.data.filter((type) => type.kind !== 'component');
      this.types.set(entryTypes);
      if (!this.form.controls.type.value && entryTypes[0]) this.form.controls.type.setValue(entryTypes[0].apiId);
    } catch {
      this.types.set([]);
    }
  }

  private clear(): void {
    this.found.set(null);
    this.picked.set(null);
  }

  protected async search(): Promise<void> {
    const { type, locale, query } = this.form.getRawValue();
    if (!type || this.searching()) return;
    const workspace = this.workspace();
    this.searching.set(true);
    try {
      const titleField = await this.titles.titleField(workspace, type);
      const words = query.trim();
      const page = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/content-types/{apiId}/entries', {
          path: { workspace, apiId: type },
          query: {
            locale,
            pageSize: 20,
            sort: '-updatedAt',
            filter: titleField && words ? { [titleField]: { contains: words } } : undefined,
          },
        }),
      );
      this.found.set(
        page.data.map((entry) => ({
          id: entry.id,
          status: entry.status,
          title: titleField && typeof entry.data[titleField] === 'string' ? (entry.data[titleField] as string) : null,
        })),
      );
      this.picked.set(page.data.length === 1 ? page.data[0].id : null);
    } catch {
      this.clear();
    } finally {
      this.searching.set(false);
    }
  }

  protected add(): void {
    const entryId = this.picked();
    if (!entryId) return;
    this.picks.emit({ entryId, locale: this.form.controls.locale.value, action: this.action.value });
  }
}
