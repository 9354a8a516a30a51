import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { MatSort, MatSortHeader, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import { WorkspacesStore } from '../../state/workspaces.store';
import { followContentEvents } from './content-events';
import {
  entryTitle,
  fieldLabel,
  fieldsOf,
  isListable,
  statusLabel,
  titleField,
  type ContentTypeDetails,
  type EntryListItem,
  type FieldDef,
} from './entry-model';
import { loadColumns, META_COLUMNS, metaColumnLabel, operatorLabel, operatorsFor, saveColumns } from './list-columns';

interface FieldFilter {
  field: string;
  op: string;
  value: string;
}

/**
 * `content/:type`: one type's entries in one locale, paged, sorted and filtered by the API (never all loaded: a
 * type may hold 100,000 entries). Search is `contains` on the title field; the filter row takes any listable field
 * with the operators of its type. Columns are the member's choice, kept per type in this browser. The list
 * reloads when the workspace's event stream reports a change to an entry of this type.
 */
@Component({
  selector: 'quire-entry-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    RouterLink,
    MatButton,
    MatCheckbox,
    MatFormField,
    MatLabel,
    MatInput,
    MatPaginator,
    MatSort,
    MatSortHeader,
    MatTableModule,
  ],
  templateUrl: './entry-list.page.html',
  styleUrl: './entry-list.page.scss',
})
export class EntryListPage {
  private readonly api = inject(ApiClient);
  private readonly store = inject(WorkspacesStore);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  protected readonly workspace = this.store.currentSlugValue() ?? '';
  protected readonly typeId = signal(this.route.snapshot.paramMap.get('type') ?? '');
  protected readonly type = signal<ContentTypeDetails | null>(null);
  protected readonly fields = computed(() => {
    const type = this.type();
    return type ? fieldsOf(type) : [];
  });
  protected readonly listable = computed(() => this.fields().filter(isListable));
  protected readonly titleField = computed(() => titleField(this.fields()));
  protected readonly locales = computed(() => this.store.current()?.enabledLocales ?? []);
  protected readonly locale = signal(this.route.snapshot.queryParamMap.get('locale') ?? '');
  protected readonly columns = signal<string[]>([]);
  protected readonly displayed = computed(() => ['title', ...this.columns()]);
  protected readonly choosable = computed(() => [
    ...META_COLUMNS.map((id) => ({ id, label: metaColumnLabel(id) })),
    ...this.listable()
      .filter((f) => f.name !== this.titleField()?.name)
      .map((f) => ({ id: f.name, label: fieldLabel(f) })),
  ]);

  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(20);
  protected readonly sort = signal<Sort>({ active: 'updatedAt', direction: 'desc' });
  protected readonly searchText = signal('');
  private readonly search = signal('');
  protected readonly status = signal('');
  protected readonly filter = signal<FieldFilter>({ field: '', op: 'eq', value: '' });
  protected readonly filterField = computed(() => this.listable().find((f) => f.name === this.filter().field));
  protected readonly operators = computed(() => operatorsFor(this.filterField()));

  protected readonly rows = signal<EntryListItem[] | null>(null);
  protected readonly total = signal(0);
  protected readonly loading = signal(false);
  protected readonly canCreate = computed(() => this.store.can('create', 'Entry'));
  protected readonly singletonTaken = computed(() => this.type()?.kind === 'singleton' && this.total() > 0);

  protected readonly statusLabel = statusLabel;
  protected readonly metaColumnLabel = metaColumnLabel;
  protected readonly operatorLabel = operatorLabel;
  protected readonly isMeta = (column: string) => (META_COLUMNS as readonly string[]).includes(column);
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private requestCounter = 0;

  constructor() {
    void this.loadType();
    effect(() => {
      const query = this.query();
      if (query) untracked(() => void this.loadPage(query));
    });
    followContentEvents(this.workspace, (event) => {
      if (
        event === 'reconnected' ||
        (event.name.startsWith('content.entry.') && event.payload.contentType === this.typeId())
      )
        this.reloadSoon();
    });
  }

  /** Everything the page's request depends on; null until the type is known. */
  private readonly query = computed(() => {
    const type = this.type();
    if (!type) return null;
    const title = this.titleField();
    const filter: Record<string, Record<string, string>> = {};
    if (this.status()) filter['status'] = { eq: this.status() };
    if (title && this.search()) filter[title.name] = { contains: this.search() };
    const { field, op, value } = this.filter();
    if (field && value !== '') filter[field] = { ...filter[field], [op]: value };
    const sort = this.sort();
    const fieldNames = [title?.name, ...this.columns().filter((c) => !this.isMeta(c))].filter((n): n is string => !!n);
    return {
      locale: this.locale() || undefined,
      page: this.pageIndex() + 1,
      pageSize: this.pageSize(),
      sort: sort.direction ? `${sort.direction === 'desc' ? '-' : ''}${sort.active}` : undefined,
      filter,
      fields: ['id', 'status', 'updatedAt', 'createdAt', 'publishedAt', ...new Set(fieldNames)].join(','),
    };
  });

  private async loadType(): Promise<void> {
    try {
      const type = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/content-types/{apiId}', {
          path: { workspace: this.workspace, apiId: this.typeId() },
        }),
      );
      if (!this.locale()) this.locale.set(this.store.current()?.defaultLocale ?? '');
      this.columns.set(loadColumns(this.workspace, type.apiId, fieldsOf(type)));
      this.type.set(type);
    } catch {
      this.rows.set([]);
    }
  }

  private async loadPage(query: NonNullable<ReturnType<typeof this.query>>): Promise<void> {
    const request = ++this.requestCounter;
    this.loading.set(true);
    try {
      const page = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/content-types/{apiId}/entries', {
          path: { workspace: this.workspace, apiId: this.typeId() },
          query,
        }),
      );
      // A slower answer to an older query must not replace the newer one.
      if (request !== this.requestCounter) return;
      this.rows.set(page.data);
      this.total.set(page.meta.total);
    } catch {
      if (request === this.requestCounter) this.rows.set([]);
    } finally {
      if (request === this.requestCounter) this.loading.set(false);
    }
  }

  private reloadSoon(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      const query = this.query();
      if (query) void this.loadPage(query);
    }, 300);
  }

  protected title(row: EntryListItem): string {
    return entryTitle(row.data, this.fields(), $localize`:@@entries.untitled:Untitled`);
  }

  protected cell(row: EntryListItem, column: string): string {
    const value = row.data[column];
    if (value === undefined || value === null) return '';
    if (typeof value === 'boolean') return value ? $localize`:@@entries.yes:Yes` : $localize`:@@entries.no:No`;
    return String(value);
  }

  protected columnLabel(column: string): string {
    if (this.isMeta(column)) return metaColumnLabel(column);
    const field = this.fields().find((f) => f.name === column);
    return field ? fieldLabel(field) : column;
  }

  protected fieldLabel(field: FieldDef): string {
    return fieldLabel(field);
  }

  protected toggleColumn(column: string, shown: boolean): void {
    const order = this.choosable().map((c) => c.id);
    const next = shown ? [...this.columns(), column] : this.columns().filter((c) => c !== column);
    const sorted = order.filter((c) => next.includes(c));
    this.columns.set(sorted);
    saveColumns(this.workspace, this.typeId(), sorted);
  }

  protected onSearch(text: string): void {
    this.searchText.set(text);
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.pageIndex.set(0);
      this.search.set(text.trim());
    }, 300);
  }

  protected onLocale(locale: string): void {
    this.locale.set(locale);
    this.pageIndex.set(0);
    void this.router.navigate([], { relativeTo: this.route, queryParams: { locale }, replaceUrl: true });
  }

  protected onStatus(status: string): void {
    this.status.set(status);
    this.pageIndex.set(0);
  }

  protected onFilter(change: Partial<FieldFilter>): void {
    const next = { ...this.filter(), ...change };
    if (change.field !== undefined) {
      next.op = operatorsFor(this.listable().find((f) => f.name === change.field))[0];
      next.value = '';
    }
    this.filter.set(next);
    this.pageIndex.set(0);
  }

  protected onSort(sort: Sort): void {
    this.sort.set(sort);
    this.pageIndex.set(0);
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
  }
}
