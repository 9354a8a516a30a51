import { CdkDrag, CdkDragDrop, CdkDropList, moveItemInArray } from '@angular/cdk/drag-drop';
import { DatePipe } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injector,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { ApiProblem, toProblemDetails, type ProblemDetails } from '../../api/problem-details';
import { confirm } from '../../shared/confirm.dialog';
import { fieldError } from '../../shared/form-problems';
import { IconComponent } from '../../shared/icon.component';
import { WorkspacesStore } from '../../state/workspaces.store';
import { type HasUnsavedChanges } from '../entries/unsaved-changes.guard';
import { allTypes, type TypeSummary } from './all-types';
import {
  apiIdFromName,
  FIELD_TYPES,
  fieldTypeLabel,
  kindLabel,
  TYPE_KINDS,
  type ContentTypeDefinition,
  type ContentTypeKind,
  type ContentTypeOptions,
  type FieldType,
} from './content-type-model';
import { FieldDraft } from './field-draft';
import { FieldEditorComponent, type TypeChoice } from './field-editor.component';
import { showTypeProblems } from './type-problems';
import { TypeVersionsComponent } from './type-versions.component';

type ContentType = ResponseOf<'/api/v1/workspaces/{workspace}/content-types/{apiId}', 'get'>;
type Migration = 'drop-data' | 'reset-invalid-values';

/**
 * The type builder (`content-types/new`, `content-types/<apiId>`): the type's name, API id (follows the name until
 * typed in; fixed once created), kind and options, and its fields — added from every field type, reordered by
 * dragging or with the move buttons, each configured for its type, removed. Saving POSTs a new type or PUTs the
 * whole definition with the renames of fields loaded under another name; the API's errors land on the inputs they
 * name. A change the API refuses for the data it would lose or invalidate can be repeated with its migration.
 */
@Component({
  selector: 'quire-content-type-builder-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    CdkDropList,
    CdkDrag,
    MatButton,
    MatCheckbox,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
    MatHint,
    IconComponent,
    FieldEditorComponent,
    TypeVersionsComponent,
    DatePipe,
  ],
  templateUrl: './content-type-builder.page.html',
  styleUrl: './content-types.scss',
  host: { '(window:beforeunload)': 'warnBeforeUnload($event)' },
})
export class ContentTypeBuilderPage implements OnInit, HasUnsavedChanges {
  private readonly api = inject(ApiClient);
  private readonly workspaces = inject(WorkspacesStore);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);

  /** The route's `:apiId`; absent for a new type. */
  readonly apiId = input<string>();

  protected readonly slug = this.workspaces.currentSlugValue() ?? '';
  protected readonly loaded = signal<ContentType | null>(null);
  protected readonly loading = signal(false);
  protected readonly fields = signal<FieldDraft[]>([]);
  protected readonly otherTypes = signal<TypeSummary[]>([]);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  /** API problems that name nothing on screen. */
  protected readonly unplaced = signal<string[]>([]);
  /** The migration that would let a refused change through. */
  protected readonly migrationOffer = signal<Migration | null>(null);
  protected readonly saved = signal<number | null>(null);
  protected readonly announcement = signal('');
  /** Bumped after each save, so the history reloads. */
  protected readonly historyVersion = signal(0);
  protected readonly canDelete = computed(() => !!this.loaded() && this.workspaces.can('delete', 'ContentType'));

  protected readonly fieldTypes = FIELD_TYPES;
  protected readonly kinds = TYPE_KINDS;
  protected readonly typeLabel = fieldTypeLabel;
  protected readonly kindLabel = kindLabel;
  protected readonly fieldError = fieldError;
  private apiIdEdited = false;
  /** The definition as last loaded or saved: anything else is an unsaved change. */
  private baseline = '';

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true }),
    apiId: new FormControl('', { nonNullable: true }),
    kind: new FormControl<ContentTypeKind>('collection', { nonNullable: true }),
    description: new FormControl('', { nonNullable: true }),
    publicRead: new FormControl(false, { nonNullable: true }),
    seo: new FormControl(false, { nonNullable: true }),
    revisionCap: new FormControl<number | null>(null),
    previewUrl: new FormControl('', { nonNullable: true }),
  });
  protected readonly newFieldType = new FormControl<FieldType>('text', { nonNullable: true });

  ngOnInit(): void {
    const apiId = this.apiId();
    this.baseline = this.snapshot();
    void this.loadTypes();
    if (apiId) void this.load(apiId);
  }

  hasUnsavedChanges(): boolean {
    return this.snapshot() !== this.baseline;
  }

  /** Closing the tab or reloading with unsaved changes: the browser asks (leaving within the console: the guard). */
  protected warnBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.hasUnsavedChanges()) event.preventDefault();
  }

  private snapshot(): string {
    return JSON.stringify([this.definition(), this.renames()]);
  }

  /** Other types of the workspace: what relations may point at and components may embed. */
  private async loadTypes(): Promise<void> {
    try {
      this.otherTypes.set(await allTypes(this.api, this.slug));
    } catch {
      this.otherTypes.set([]);
    }
  }

  private async load(apiId: string): Promise<void> {
    this.loading.set(true);
    try {
      const type = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/content-types/{apiId}', {
          path: { workspace: this.slug, apiId },
        }),
      );
      this.show(type);
    } catch {
      // The error toast says why; the page offers the way back.
    } finally {
      this.loading.set(false);
    }
  }

  private show(type: ContentType): void {
    const definition = type.definition as unknown as ContentTypeDefinition;
    this.loaded.set(type);
    this.apiIdEdited = true;
    this.form.reset({
      name: definition.name,
      apiId: definition.apiId,
      kind: definition.kind,
      description: definition.description ?? '',
      publicRead: definition.options?.publicRead ?? false,
      seo: definition.options?.seo ?? false,
      revisionCap: definition.options?.revisionCap ?? null,
      previewUrl: definition.options?.previewUrl ?? '',
    });
    this.form.controls.apiId.disable();
    this.fields.set(definition.fields.map((field) => FieldDraft.fromDefinition(field)));
    this.baseline = this.snapshot();
  }

  protected nameChanged(): void {
    if (!this.apiIdEdited) this.form.controls.apiId.setValue(apiIdFromName(this.form.controls.name.value));
  }

  protected apiIdTyped(): void {
    this.apiIdEdited = true;
  }

  protected relationTargets(): TypeChoice[] {
    const own = this.form.getRawValue();
    const targets: TypeChoice[] = this.otherTypes().filter((t) => t.kind !== 'component' && t.apiId !== own.apiId);
    // A type may relate to itself (a parent page, related articles).
    if (own.kind !== 'component' && own.apiId) targets.push({ apiId: own.apiId, name: own.name || own.apiId });
    return targets;
  }

  protected componentChoices(): TypeChoice[] {
    const own = this.form.getRawValue().apiId;
    return this.otherTypes().filter((t) => t.kind === 'component' && t.apiId !== own);
  }

  protected textFieldsBesides(draft: FieldDraft): string[] {
    return this.fields()
      .filter((other) => other !== draft && other.type === 'text' && other.name)
      .map((other) => other.name);
  }

  protected addField(): void {
    const draft = new FieldDraft(this.newFieldType.value);
    this.fields.update((list) => [...list, draft]);
    this.announcement.set(
      $localize`:@@types.fieldAdded:${fieldTypeLabel(draft.type)}:type: field added as field ${this.fields().length}:position:`,
    );
    // Straight to its first input, so the keyboard user goes on where the new field is.
    afterNextRender(() => document.querySelector<HTMLElement>(`#field-body-${draft.id} input`)?.focus(), {
      injector: this.injector,
    });
  }

  protected move(draft: FieldDraft, delta: -1 | 1): void {
    const list = [...this.fields()];
    const from = list.indexOf(draft);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= list.length) return;
    moveItemInArray(list, from, to);
    this.fields.set(list);
    this.announceMove(draft, to, list.length);
    // The list re-renders the moved field elsewhere: keep the focus on the button that moved it, or on the other
    // one when it reached an end.
    const atEnd = to === 0 || to === list.length - 1;
    const button = atEnd ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down';
    afterNextRender(() => document.getElementById(`field-${draft.id}-${button}`)?.focus(), {
      injector: this.injector,
    });
  }

  protected drop(event: CdkDragDrop<FieldDraft[]>): void {
    if (event.previousIndex === event.currentIndex) return;
    const list = [...this.fields()];
    moveItemInArray(list, event.previousIndex, event.currentIndex);
    this.fields.set(list);
    this.announceMove(list[event.currentIndex], event.currentIndex, list.length);
  }

  private announceMove(draft: FieldDraft, to: number, count: number): void {
    const name = draft.name || $localize`:@@types.theField:The field`;
    this.announcement.set(
      $localize`:@@types.fieldMoved:${name}:field: moved to position ${to + 1}:position: of ${count}:count:`,
    );
  }

  protected removeField(draft: FieldDraft): void {
    this.fields.update((list) => list.filter((d) => d !== draft));
    const name = draft.name || $localize`:@@types.theField:The field`;
    this.announcement.set($localize`:@@types.fieldRemoved:${name}:field: removed`);
    afterNextRender(() => document.getElementById('add-field-type')?.focus(), { injector: this.injector });
  }

  private definition(): ContentTypeDefinition {
    const v = this.form.getRawValue();
    const definition: ContentTypeDefinition = {
      apiId: v.apiId.trim(),
      kind: v.kind,
      name: v.name.trim(),
      fields: this.fields().map((draft) => draft.toDefinition(v.kind)),
    };
    if (v.description.trim()) definition.description = v.description.trim();
    if (v.kind !== 'component') {
      const options: ContentTypeOptions = { publicRead: v.publicRead, seo: v.seo };
      if (v.revisionCap !== null) options.revisionCap = v.revisionCap;
      if (v.previewUrl.trim()) options.previewUrl = v.previewUrl.trim();
      definition.options = options;
    }
    return definition;
  }

  /** Fields loaded under one name and saved under another: their values move with them. */
  private renames(): Record<string, string> {
    const renames: Record<string, string> = {};
    for (const draft of this.fields()) {
      if (draft.originalName && draft.name && draft.originalName !== draft.name)
        renames[draft.originalName] = draft.name;
    }
    return renames;
  }

  protected async save(migration?: Migration): Promise<void> {
    if (this.busy()) return;
    this.clearProblems();
    const definition = this.definition();
    const sent = [...this.fields()];
    const existing = this.loaded();
    this.busy.set(true);
    try {
      if (existing) {
        const renames = this.renames();
        const type = (await firstValueFrom(
          this.api.put('/api/v1/workspaces/{workspace}/content-types/{apiId}', {
            path: { workspace: this.slug, apiId: existing.apiId },
            body: {
              definition: definition as unknown as Record<string, unknown>,
              ...(Object.keys(renames).length > 0 ? { renames } : {}),
              ...(migration ? { migration } : {}),
            },
            silent: true,
          }),
        )) as ContentType;
        this.show(type);
        this.saved.set(type.version);
        this.historyVersion.update((n) => n + 1);
      } else {
        const type = await firstValueFrom(
          this.api.post('/api/v1/workspaces/{workspace}/content-types', {
            path: { workspace: this.slug },
            body: definition as unknown as Record<string, unknown>,
            silent: true,
          }),
        );
        this.baseline = this.snapshot();
        await this.router.navigate(['/w', this.slug, 'content-types', type.apiId], { replaceUrl: true });
      }
    } catch (error) {
      this.problem.set(toProblemDetails(error));
      this.unplaced.set(showTypeProblems(error, this.form, sent));
      this.migrationOffer.set(migrationFor(error));
      afterNextRender(() => document.getElementById('type-form-error')?.focus(), { injector: this.injector });
    } finally {
      this.busy.set(false);
    }
  }

  private clearProblems(): void {
    this.problem.set(null);
    this.unplaced.set([]);
    this.migrationOffer.set(null);
    this.saved.set(null);
    // The API's errors of the last try stay on their inputs until validated again.
    for (const control of Object.values(this.form.controls)) control.updateValueAndValidity();
    for (const draft of this.fields()) draft.clearApiErrors();
  }

  protected async confirmDelete(): Promise<void> {
    const type = this.loaded();
    if (!type) return;
    const confirmed = await confirm(this.dialog, {
      title: $localize`:@@types.delete.title:Delete “${type.name}:name:”?`,
      message: $localize`:@@types.delete.text:The type ${type.apiId}:apiId: and its version history are deleted. The API refuses while entries of it exist (the trash included) or another type relates to it or embeds it.`,
      confirm: $localize`:@@types.delete.confirm:Delete type`,
      destructive: true,
    });
    if (!confirmed) return;
    this.busy.set(true);
    try {
      // A type in use is refused (409 content.type-in-use): the error toast says so and why.
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/content-types/{apiId}', {
          path: { workspace: this.slug, apiId: type.apiId },
        }),
      );
      this.baseline = this.snapshot();
      await this.router.navigate(['/w', this.slug, 'content-types']);
    } catch {
      // Shown by the error toast.
    } finally {
      this.busy.set(false);
    }
  }
}

/** A refusal for the entries' sake that a migration option resolves (docs/content/types.md). */
function migrationFor(error: unknown): Migration | null {
  if (!(error instanceof ApiProblem)) return null;
  const type = error.problem.type ?? '';
  if (type.endsWith('content.schema-change-orphans-data')) return 'drop-data';
  if (type.endsWith('content.schema-change-invalidates-entries')) return 'reset-invalid-values';
  return null;
}
