import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import type { ProblemDetails } from '../../api/problem-details';
import { confirm } from '../../shared/confirm.dialog';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { SessionStore } from '../../state/session.store';
import { WorkspacesStore } from '../../state/workspaces.store';
import { followContentEvents, type ContentEvent } from './content-events';
import { EntryCommentsPanel } from './entry-comments.panel';
import { EntryFieldComponent } from './entry-field.component';
import { EntryLabelsPanel } from './entry-labels.panel';
import { EntryLock } from './entry-lock';
import type { Member } from './entry-members';
import {
  entryTitle,
  fieldLabel,
  fieldsOf,
  isEmptyValue,
  statusLabel,
  toDataValue,
  toFormValue,
  toSlug,
  type ContentTypeDetails,
  type Entry,
  type FieldDef,
} from './entry-model';
import { EntrySchedulesPanel } from './entry-schedules.panel';
import { EntryWorkflowPanel } from './entry-workflow.panel';
import type { HasUnsavedChanges } from './unsaved-changes.guard';

type EntryForm = FormGroup<Record<string, FormControl<unknown>>>;
type SaveState = 'idle' | 'saving' | 'saved' | 'error';

const AUTOSAVE_DELAY_MS = 1000;
/** Entry events that change what the editor shows (the stream carries more). */
const CONTENT_CHANGES = ['content.entry.updated', 'content.entry.translated', 'content.entry.revision-restored'];

/**
 * `content/:type/new` and `content/:type/:entryId`: one locale of an entry, a widget per field. Drafts save by
 * themselves a second after the last change (existing entries; a new one is created by "Save draft"), publishing
 * saves first. The locale switcher shows each locale's state and offers a translation where one is missing.
 * Around the form: the lock (who else edits), the workflow, schedules, labels and comments. Another member's
 * change arrives through the event stream: a clean form reloads, an edited one says so.
 */
@Component({
  selector: 'quire-entry-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [EntryLock],
  imports: [
    DatePipe,
    RouterLink,
    MatButton,
    EntryFieldComponent,
    EntryWorkflowPanel,
    EntrySchedulesPanel,
    EntryLabelsPanel,
    EntryCommentsPanel,
  ],
  templateUrl: './entry-editor.page.html',
  styleUrl: './entry-editor.page.scss',
  host: { '(window:beforeunload)': 'onBeforeUnload($event)' },
})
export class EntryEditorPage implements HasUnsavedChanges {
  private readonly api = inject(ApiClient);
  private readonly store = inject(WorkspacesStore);
  private readonly session = inject(SessionStore);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly lock = inject(EntryLock);

  protected readonly workspace = this.store.currentSlugValue() ?? '';
  protected readonly typeId = this.route.snapshot.paramMap.get('type') ?? '';
  protected readonly entryId = this.route.snapshot.paramMap.get('entryId');
  protected readonly locale = signal(
    this.route.snapshot.queryParamMap.get('locale') || this.store.current()?.defaultLocale || '',
  );
  protected readonly type = signal<ContentTypeDetails | null>(null);
  protected readonly fields = computed(() => {
    const type = this.type();
    return type ? fieldsOf(type) : [];
  });
  protected readonly form = signal<EntryForm | null>(null);
  protected readonly entry = signal<Entry | null>(null);
  /** The entry has no version in this locale yet. */
  protected readonly missing = signal(false);
  protected readonly notFound = signal(false);
  protected readonly values = signal<Record<string, unknown>>({});
  protected readonly dirty = signal(false);
  protected readonly saveState = signal<SaveState>('idle');
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly changedElsewhere = signal<'reloaded' | 'conflict' | null>(null);
  protected readonly members = signal<Member[]>([]);
  protected readonly panelRefresh = signal(0);
  protected readonly busy = signal(false);

  protected readonly locales = computed(() => this.store.current()?.enabledLocales ?? []);
  protected readonly defaultLocale = computed(() => this.store.current()?.defaultLocale ?? '');
  protected readonly localeStates = computed(() => {
    const entry = this.entry();
    return this.locales().map((code) => ({
      code,
      status: entry?.locales.find((l) => l.locale === code)?.status ?? (entry ? 'missing' : this.newStatus(code)),
    }));
  });
  protected readonly status = computed(() => (this.missing() ? 'missing' : (this.entry()?.status ?? 'draft')));
  protected readonly title = computed(() =>
    entryTitle(
      this.values(),
      this.fields(),
      this.entryId ? $localize`:@@entries.untitled:Untitled` : $localize`:@@entries.title.new:New entry`,
    ),
  );
  protected readonly emptyRequired = computed(() =>
    this.fields()
      .filter((f) => f.required && isEmptyValue(this.values()[f.name]))
      .map(fieldLabel),
  );
  protected readonly canUpdate = computed(() => this.store.can(this.entryId ? 'update' : 'create', 'Entry'));
  protected readonly readOnly = computed(() => {
    const lock = this.lock.state().kind;
    return !this.canUpdate() || lock === 'forbidden' || lock === 'other';
  });
  /** Authors may publish nothing, and change (so delete) only their own entries: the lock's 403 says which. */
  protected readonly canPublish = computed(
    () => !!this.entryId && this.store.can('publish', 'Entry') && this.lock.state().kind !== 'forbidden',
  );
  protected readonly canDelete = computed(
    () => !!this.entryId && this.store.can('delete', 'Entry') && this.lock.state().kind !== 'forbidden',
  );
  protected readonly statusLabel = statusLabel;

  private snapshot: Record<string, string> = {};
  private lastSources: Record<string, string> = {};
  /** Values being put into the form from the API: no autosave, no slug suggestion. */
  private applying = false;
  private leaving = false;
  private saving: Promise<boolean> | null = null;
  private autosaveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect(() => {
      const form = this.form();
      if (!form) return;
      if (this.readOnly() || this.missing()) form.disable({ emitEvent: false });
      else form.enable({ emitEvent: false });
    });
    this.destroyRef.onDestroy(() => clearTimeout(this.autosaveTimer));
    followContentEvents(this.workspace, (event) => this.onEvent(event));
    void this.init();
  }

  hasUnsavedChanges(): boolean {
    return !this.leaving && (this.dirty() || this.saving !== null);
  }

  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.hasUnsavedChanges()) event.preventDefault();
  }

  private async init(): Promise<void> {
    let type: ContentTypeDetails;
    try {
      type = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/content-types/{apiId}', {
          path: { workspace: this.workspace, apiId: this.typeId },
        }),
      );
    } catch {
      this.notFound.set(true);
      return;
    }
    this.type.set(type);
    this.form.set(this.buildForm(fieldsOf(type)));
    if (this.store.can('read', 'WorkspaceMember')) void this.loadMembers();
    if (this.entryId) {
      await this.loadEntry();
      if (!this.notFound() && this.canUpdate()) await this.lock.start(this.workspace, this.entryId);
    } else {
      const defaults = Object.fromEntries(fieldsOf(type).map((f) => [f.name, (f as { default?: unknown }).default]));
      this.applyData(defaults);
    }
  }

  private buildForm(fields: FieldDef[]): EntryForm {
    const controls: Record<string, FormControl<unknown>> = {};
    for (const field of fields) {
      const validators = field.type === 'json' || field.type === 'component' ? [jsonValidator] : [];
      controls[field.name] = new FormControl<unknown>(toFormValue(field, undefined), { validators });
    }
    const form = new FormGroup(controls);
    form.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.onFormChange(form));
    return form;
  }

  private async loadMembers(): Promise<void> {
    const members = await firstValueFrom(
      this.api.get('/api/v1/workspaces/{workspace}/members', { path: { workspace: this.workspace }, silent: true }),
    ).catch(() => []);
    this.members.set(members);
  }

  /** The entry in the current locale; a locale it lacks is read with the fallback values, for the hint. */
  private async loadEntry(): Promise<void> {
    if (!this.entryId) return;
    try {
      const entry = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/entries/{id}', {
          path: { workspace: this.workspace, id: this.entryId },
          query: { locale: this.locale(), fallback: 'true' },
          silent: true,
        }),
      );
      this.entry.set(entry);
      this.missing.set(entry.status === 'missing');
      this.applyData(entry.data);
    } catch {
      this.notFound.set(true);
    }
  }

  private applyData(data: Record<string, unknown>): void {
    const form = this.form();
    if (!form) return;
    this.applying = true;
    for (const field of this.fields()) {
      const value = toFormValue(field, data[field.name]);
      form.controls[field.name].setValue(value);
      this.snapshot[field.name] = serialize(value);
    }
    this.lastSources = this.sourceValues(form);
    this.applying = false;
    this.values.set(form.getRawValue());
    this.dirty.set(false);
  }

  private onFormChange(form: EntryForm): void {
    if (this.applying) return;
    this.followSlugSources(form);
    this.values.set(form.getRawValue());
    this.dirty.set(this.changedFields(form).length > 0);
    if (this.dirty()) {
      if (this.saveState() === 'saved') this.saveState.set('idle');
      this.scheduleAutosave();
    }
  }

  /** A slug follows its source field until it is edited by hand (it then differs from the source's slug). */
  private followSlugSources(form: EntryForm): void {
    for (const field of this.fields()) {
      if (field.type !== 'slug' || !field.sourceField) continue;
      const source = String(form.controls[field.sourceField]?.value ?? '');
      const previous = this.lastSources[field.name] ?? '';
      const slug = form.controls[field.name];
      this.lastSources[field.name] = source;
      if (source === previous) continue;
      const current = String(slug.value ?? '');
      if ((current === '' || current === toSlug(previous)) && current !== toSlug(source)) slug.setValue(toSlug(source));
    }
  }

  private sourceValues(form: EntryForm): Record<string, string> {
    return Object.fromEntries(
      this.fields()
        .filter((f) => f.type === 'slug' && f.sourceField)
        .map((f) => [f.name, String(form.controls[f.sourceField!]?.value ?? '')]),
    );
  }

  private changedFields(form: EntryForm): FieldDef[] {
    const values = form.getRawValue();
    return this.fields().filter((f) => serialize(values[f.name]) !== this.snapshot[f.name]);
  }

  private scheduleAutosave(): void {
    clearTimeout(this.autosaveTimer);
    if (!this.entryId || this.readOnly() || this.missing()) return;
    this.autosaveTimer = setTimeout(() => void this.save(), AUTOSAVE_DELAY_MS);
  }

  /** Saves what changed (creates a new entry); true when the API has it all. */
  protected async save(): Promise<boolean> {
    clearTimeout(this.autosaveTimer);
    while (this.saving) await this.saving;
    const form = this.form();
    if (!form || this.readOnly()) return false;
    const invalid = this.fields().filter((f) => form.controls[f.name].invalid);
    if (invalid.length > 0) {
      for (const field of invalid) form.controls[field.name].markAsTouched();
      this.saveState.set('error');
      return false;
    }
    if (this.entryId && !this.dirty()) return true;
    this.saving = this.entryId ? this.update(form) : this.create(form);
    try {
      return await this.saving;
    } finally {
      this.saving = null;
    }
  }

  private async create(form: EntryForm): Promise<boolean> {
    const sent = form.getRawValue();
    const data = Object.fromEntries(
      this.fields()
        .map((f) => [f.name, toDataValue(f, sent[f.name])] as const)
        .filter(([, value]) => value !== null),
    );
    this.saveState.set('saving');
    try {
      const entry = await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/content-types/{apiId}/entries', {
          path: { workspace: this.workspace, apiId: this.typeId },
          body: { locale: this.locale(), data },
          silent: true,
        }),
      );
      this.saveState.set('saved');
      this.leaving = true;
      await this.router.navigate(['..', entry.id], {
        relativeTo: this.route,
        queryParams: { locale: this.locale() },
        replaceUrl: true,
      });
      return true;
    } catch (error) {
      this.problem.set(showProblemOnForm(form, error));
      this.saveState.set('error');
      return false;
    }
  }

  private async update(form: EntryForm): Promise<boolean> {
    const sent = form.getRawValue();
    const changed = this.changedFields(form);
    if (changed.length === 0) return true;
    this.saveState.set('saving');
    try {
      const entry = await firstValueFrom(
        this.api.patch('/api/v1/workspaces/{workspace}/entries/{id}', {
          path: { workspace: this.workspace, id: this.entryId! },
          body: {
            locale: this.locale(),
            data: Object.fromEntries(changed.map((f) => [f.name, toDataValue(f, sent[f.name])])),
          },
          silent: true,
        }),
      );
      for (const field of changed) this.snapshot[field.name] = serialize(sent[field.name]);
      this.takeServerSlugs(form, entry, sent);
      this.entry.set(entry);
      this.problem.set(null);
      this.dirty.set(this.changedFields(form).length > 0);
      this.saveState.set(this.dirty() ? 'idle' : 'saved');
      this.panelRefresh.update((n) => n + 1);
      if (this.dirty()) this.scheduleAutosave();
      return true;
    } catch (error) {
      this.problem.set(showProblemOnForm(form, error));
      this.saveState.set('error');
      return false;
    }
  }

  /** A slug the API made (or numbered) replaces the one sent, unless the member changed it meanwhile. */
  private takeServerSlugs(form: EntryForm, entry: Entry, sent: Record<string, unknown>): void {
    this.applying = true;
    for (const field of this.fields().filter((f) => f.type === 'slug')) {
      const server = toFormValue(field, entry.data[field.name]);
      const control = form.controls[field.name];
      if (
        serialize(control.value) === serialize(sent[field.name]) &&
        serialize(server) !== serialize(sent[field.name])
      ) {
        control.setValue(server);
        this.snapshot[field.name] = serialize(server);
      }
    }
    this.applying = false;
    this.values.set(form.getRawValue());
  }

  protected async publish(): Promise<void> {
    await this.localeAction('publish');
  }

  protected async unpublish(): Promise<void> {
    await this.localeAction('unpublish');
  }

  private async localeAction(action: 'publish' | 'unpublish'): Promise<void> {
    const form = this.form();
    if (!form || !this.entryId || this.busy()) return;
    if (this.dirty() && !(await this.save())) return;
    this.busy.set(true);
    this.problem.set(null);
    const path = { workspace: this.workspace, id: this.entryId, locale: this.locale() };
    try {
      const entry = await firstValueFrom(
        action === 'publish'
          ? this.api.post('/api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/publish', {
              path,
              silent: true,
            })
          : this.api.post('/api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/unpublish', {
              path,
              silent: true,
            }),
      );
      this.entry.set(entry);
      this.panelRefresh.update((n) => n + 1);
    } catch (error) {
      this.problem.set(showProblemOnForm(form, error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async switchLocale(code: string): Promise<void> {
    if (code === this.locale()) return;
    if (this.dirty() && !(await this.save())) return;
    // Known missing at once, so the panels of the locale do not ask for a version that does not exist.
    this.missing.set(!this.entry()?.locales.some((l) => l.locale === code));
    this.locale.set(code);
    this.problem.set(null);
    this.changedElsewhere.set(null);
    await this.router.navigate([], { relativeTo: this.route, queryParams: { locale: code }, replaceUrl: true });
    if (this.entryId) await this.loadEntry();
  }

  /** Adds the missing locale version: a copy of another locale's values, or empty. */
  protected async translate(from: string | null): Promise<void> {
    if (!this.entryId || this.busy()) return;
    this.busy.set(true);
    try {
      await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}', {
          path: { workspace: this.workspace, id: this.entryId, locale: this.locale() },
          body: from ? { from } : {},
        }),
      );
      await this.loadEntry();
      this.panelRefresh.update((n) => n + 1);
    } catch {
      // The error toast says why.
    } finally {
      this.busy.set(false);
    }
  }

  /** The locale to copy a translation from: the default one when the entry has it, else its first. */
  protected readonly translateFrom = computed(() => {
    const entry = this.entry();
    if (!entry) return null;
    const have = entry.locales.map((l) => l.locale);
    return have.includes(this.defaultLocale()) ? this.defaultLocale() : (have[0] ?? null);
  });

  protected async takeOver(): Promise<void> {
    const yes = await confirm(this.dialog, {
      title: $localize`:@@entries.lock.takeOverTitle:Take over editing?`,
      message: $localize`:@@entries.lock.takeOverMessage:The other member's changes they have not saved yet may be lost or overwritten.`,
      confirm: $localize`:@@entries.lock.takeOver:Take over`,
    });
    if (!yes) return;
    await this.lock.takeOver();
    if (this.lock.state().kind === 'mine') await this.loadEntry();
  }

  protected async preview(): Promise<void> {
    if (!this.entryId) return;
    if (this.dirty() && !(await this.save())) return;
    // Opened before the answer, so the browser does not treat it as an unasked pop-up.
    const tab = window.open('', '_blank');
    try {
      const answer = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/entries/{id}/preview-url', {
          path: { workspace: this.workspace, id: this.entryId },
          query: { locale: this.locale() },
        }),
      );
      if (tab) {
        tab.opener = null;
        tab.location.href = answer.url;
      }
    } catch {
      tab?.close();
    }
  }

  protected async remove(): Promise<void> {
    if (!this.entryId) return;
    const yes = await confirm(this.dialog, {
      title: $localize`:@@entries.delete.title:Move this entry to the trash?`,
      message: $localize`:@@entries.delete.message:Its published versions leave the delivery API. It can be restored from the trash.`,
      confirm: $localize`:@@entries.delete.confirm:Move to trash`,
      destructive: true,
    });
    if (!yes) return;
    try {
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/entries/{id}', {
          path: { workspace: this.workspace, id: this.entryId },
        }),
      );
      this.leaving = true;
      await this.router.navigate(['..'], { relativeTo: this.route, queryParams: { locale: this.locale() } });
    } catch {
      // The error toast says why (a linked entry refuses with the links).
    }
  }

  protected async reload(): Promise<void> {
    this.changedElsewhere.set(null);
    await this.loadEntry();
  }

  private onEvent(event: ContentEvent | 'reconnected'): void {
    if (!this.entryId) return;
    if (event === 'reconnected') {
      if (!this.dirty()) void this.loadEntry();
      return;
    }
    if (event.payload.entryId !== this.entryId || event.actor.id === this.session.me()?.id) return;
    if (event.name.includes('lock') || event.name.endsWith('.unlocked')) {
      void this.lock.recheck();
    } else if (CONTENT_CHANGES.includes(event.name)) {
      const locale = event.payload.locale;
      if (locale && locale !== this.locale() && event.name !== 'content.entry.translated') return;
      if (this.dirty()) {
        this.changedElsewhere.set('conflict');
      } else {
        this.changedElsewhere.set('reloaded');
        void this.loadEntry();
      }
    } else if (event.name === 'content.entry.deleted') {
      this.notFound.set(true);
    } else {
      // Published, stages, approvals, labels, comments: the state around the form.
      void this.refreshStates();
    }
  }

  private async refreshStates(): Promise<void> {
    this.panelRefresh.update((n) => n + 1);
    const entry = await firstValueFrom(
      this.api.get('/api/v1/workspaces/{workspace}/entries/{id}', {
        path: { workspace: this.workspace, id: this.entryId! },
        query: { locale: this.locale(), fallback: 'true' },
        silent: true,
      }),
    ).catch(() => null);
    if (entry) this.entry.set(entry);
  }

  protected errorOf(field: FieldDef): string | null {
    const control = this.form()?.controls[field.name];
    if (!control?.errors || !control.touched) return null;
    if (control.errors['json']) return $localize`:@@entries.json.invalid:Not valid JSON`;
    return fieldError(control);
  }

  protected controlOf(field: FieldDef): FormControl<unknown> {
    return this.form()!.controls[field.name];
  }

  protected lockedLabel(holder: string): string {
    return $localize`:@@entries.lock.other:${holder}:name: is editing this entry.`;
  }

  /** A new entry's state in a locale: the one it is being written in is a draft, the others missing. */
  private newStatus(code: string): 'draft' | 'missing' {
    return code === this.locale() ? 'draft' : 'missing';
  }
}

function serialize(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function jsonValidator(control: AbstractControl): ValidationErrors | null {
  const text = control.value;
  if (typeof text !== 'string' || text.trim() === '') return null;
  try {
    JSON.parse(text);
    return null;
  } catch {
    return { json: true };
  }
}
