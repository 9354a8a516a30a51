import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, LOCALE_ID, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { ApiProblem, toProblemDetails, type ProblemDetails } from '../../api/problem-details';
import { confirm } from '../../shared/confirm.dialog';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { WorkspacesStore } from '../../state/workspaces.store';
import { EntryTitles } from './entry-titles';
import { entryStatusLabel, isOpen, releaseActionLabel, releaseStatusLabel } from './release-labels';
import { ReleaseItemPicker, type PickedItem } from './release-item-picker.component';
import { formatInZone, timeZones, wallClockIn } from './release-time';

type Release = ResponseOf<'/api/v1/workspaces/{workspace}/releases/{id}', 'get'>;
type Item = Release['items'][number];
type Failure = ResponseOf<'/api/v1/workspaces/{workspace}/releases/{id}/validate', 'post'>['failures'][number];

/** What the items table shows of an item's entry; `missing` when it cannot be read (trashed, erased). */
interface ItemEntry {
  contentType: string | null;
  title: string | null;
  status: string | null;
  missing: boolean;
}

/** The result of the last check: a dry run, or a refused schedule or publish, or a failed run's record. */
interface Check {
  valid: boolean;
  failures: Failure[];
  source: 'validate' | 'refused' | 'run';
}

/**
 * One release (`releases/:id`): rename it, add entry locales (publish or unpublish) and remove them, check it
 * (the API's problems per item), schedule it at a wall-clock time in a time zone or take the schedule back,
 * publish it now, or cancel it. Done, failed and cancelled releases are shown as the record of what happened.
 */
@Component({
  selector: 'quire-release-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
    MatHint,
    ReleaseItemPicker,
  ],
  templateUrl: './release.page.html',
  styleUrl: './publishing.scss',
  providers: [EntryTitles],
})
export class ReleasePage {
  readonly id = input.required<string>();

  private readonly api = inject(ApiClient);
  private readonly store = inject(WorkspacesStore);
  private readonly titles = inject(EntryTitles);
  private readonly dialog = inject(MatDialog);
  private readonly locale = inject(LOCALE_ID);

  protected readonly slug = computed(() => this.store.currentSlugValue() ?? '');
  protected readonly workspace = this.store.current;
  protected readonly release = signal<Release | null>(null);
  protected readonly notFound = signal(false);
  protected readonly entries = signal(new Map<string, ItemEntry>());
  protected readonly check = signal<Check | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);
  protected readonly open = computed(() => {
    const release = this.release();
    return !!release && isOpen(release.status);
  });
  protected readonly zones = timeZones();
  protected readonly statusLabel = releaseStatusLabel;
  protected readonly actionLabel = releaseActionLabel;
  protected readonly entryStatusLabel = entryStatusLabel;
  protected readonly fieldError = fieldError;

  protected readonly renameForm = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly scheduleForm = new FormGroup({
    scheduledAt: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    timeZone: new FormControl('UTC', { nonNullable: true, validators: [Validators.required] }),
  });

  constructor() {
    effect(() => {
      const slug = this.slug();
      const id = this.id();
      if (slug) void this.load(slug, id);
    });
    effect(() => {
      // The workspace's zone is the natural default for a new schedule.
      const zone = this.workspace()?.timeZone;
      if (zone && !this.release()?.timeZone && !this.scheduleForm.controls.timeZone.dirty) {
        this.scheduleForm.controls.timeZone.setValue(zone);
      }
    });
  }

  private async load(slug: string, id: string): Promise<void> {
    try {
      const release = await firstValueFrom(
        this.api.get('/api/v1/workspaces/{workspace}/releases/{id}', { path: { workspace: slug, id } }),
      );
      this.show(release);
    } catch {
      this.notFound.set(true);
    }
  }

  /** A release as the API answered it: its forms follow, its entries are looked up, a failed run's reasons shown. */
  private show(release: Release): void {
    this.release.set(release);
    this.renameForm.setValue({ name: release.name });
    if (release.scheduledAt && release.timeZone) {
      this.scheduleForm.setValue({
        scheduledAt: wallClockIn(release.scheduledAt, release.timeZone),
        timeZone: release.timeZone,
      });
    }
    const failures = (release.error as { failures?: Failure[] } | null)?.failures;
    if (release.status === 'failed' && failures) this.check.set({ valid: false, failures, source: 'run' });
    void this.lookUpEntries(release.items);
  }

  private async lookUpEntries(items: Item[]): Promise<void> {
    const slug = this.slug();
    const known = new Map(this.entries());
    await Promise.all(
      items
        .filter((item) => !known.has(entryKey(item)))
        .map(async (item) => {
          try {
            const entry = await firstValueFrom(
              this.api.get('/api/v1/workspaces/{workspace}/entries/{id}', {
                path: { workspace: slug, id: item.entryId },
                query: { locale: item.locale },
                silent: true,
              }),
            );
            known.set(entryKey(item), {
              contentType: entry.contentType,
              title: await this.titles.titleOf(slug, entry.contentType, entry.data),
              status: entry.status,
              missing: false,
            });
          } catch {
            known.set(entryKey(item), { contentType: null, title: null, status: null, missing: true });
          }
        }),
    );
    this.entries.set(known);
  }

  protected entryOf(item: Item): ItemEntry | undefined {
    return this.entries().get(entryKey(item));
  }

  /** "Title (de)" of the item a failure is about. */
  protected failureItem(failure: Failure): string {
    const entry = this.entries().get(`${failure.entryId}|${failure.locale}`);
    return `${entry?.title ?? failure.entryId} (${failure.locale})`;
  }

  protected inZone(instant: string, zone: string | null): string {
    return formatInZone(instant, zone, this.locale);
  }

  /** Every change goes through here: the answer is the release as it is now. */
  private async change(call: () => Promise<Release>, form?: FormGroup): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.show(await call());
      return true;
    } catch (error) {
      this.problem.set(form ? showProblemOnForm(form, error) : toProblemDetails(error));
      const failures = error instanceof ApiProblem ? (error.problem as { failures?: Failure[] }).failures : undefined;
      if (failures) this.check.set({ valid: false, failures, source: 'refused' });
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  private path() {
    return { workspace: this.slug(), id: this.id() };
  }

  protected async rename(): Promise<void> {
    this.renameForm.markAllAsTouched();
    if (this.renameForm.invalid) return;
    await this.change(
      () =>
        firstValueFrom(
          this.api.patch('/api/v1/workspaces/{workspace}/releases/{id}', {
            path: this.path(),
            body: { name: this.renameForm.controls.name.value.trim() },
            silent: true,
          }),
        ),
      this.renameForm,
    );
  }

  protected async addItem(item: PickedItem): Promise<void> {
    const added = await this.change(() =>
      firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/releases/{id}/items', {
          path: this.path(),
          body: item,
          silent: true,
        }),
      ),
    );
    if (added) this.check.set(null);
  }

  protected async removeItem(item: Item): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/releases/{id}/items/{itemId}', {
          path: { ...this.path(), itemId: item.id },
        }),
      );
      this.check.set(null);
      this.release.update((release) =>
        release ? { ...release, items: release.items.filter((other) => other.id !== item.id) } : release,
      );
    } catch {
      // Shown as an error toast.
    } finally {
      this.busy.set(false);
    }
  }

  protected async validate(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const result = await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/releases/{id}/validate', { path: this.path() }),
      );
      this.check.set({ ...result, source: 'validate' });
    } catch {
      this.check.set(null);
    } finally {
      this.busy.set(false);
    }
  }

  protected async schedule(): Promise<void> {
    this.scheduleForm.markAllAsTouched();
    if (this.scheduleForm.invalid) return;
    const { scheduledAt, timeZone } = this.scheduleForm.getRawValue();
    const scheduled = await this.change(
      () =>
        firstValueFrom(
          this.api.patch('/api/v1/workspaces/{workspace}/releases/{id}', {
            path: this.path(),
            body: { scheduledAt, timeZone },
            silent: true,
          }),
        ),
      this.scheduleForm,
    );
    if (scheduled) this.check.set(null);
  }

  protected async unschedule(): Promise<void> {
    await this.change(() =>
      firstValueFrom(
        this.api.patch('/api/v1/workspaces/{workspace}/releases/{id}', {
          path: this.path(),
          body: { scheduledAt: null },
          silent: true,
        }),
      ),
    );
  }

  protected async publishNow(): Promise<void> {
    const release = this.release();
    if (!release || this.busy()) return;
    const confirmed = await confirm(this.dialog, {
      title: $localize`:@@publishing.release.publishTitle:Publish “${release.name}:name:” now?`,
      message: $localize`:@@publishing.release.publishMessage:Every item is published or unpublished at once, all together. When one cannot run, nothing changes and the reasons are listed.`,
      confirm: $localize`:@@publishing.release.publishConfirm:Publish now`,
    });
    if (!confirmed) return;
    const published = await this.change(() =>
      firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/releases/{id}/publish', { path: this.path(), silent: true }),
      ),
    );
    if (published) {
      this.check.set(null);
      // The entries' statuses changed with the run.
      this.entries.set(new Map());
      void this.lookUpEntries(this.release()?.items ?? []);
    }
  }

  protected async cancel(): Promise<void> {
    const release = this.release();
    if (!release || this.busy()) return;
    const confirmed = await confirm(this.dialog, {
      title: $localize`:@@publishing.release.cancelTitle:Cancel “${release.name}:name:”?`,
      message: $localize`:@@publishing.release.cancelMessage:It will not run. It stays listed as cancelled and can no longer change.`,
      confirm: $localize`:@@publishing.release.cancelConfirm:Cancel release`,
      destructive: true,
    });
    if (!confirmed) return;
    this.busy.set(true);
    try {
      await firstValueFrom(this.api.delete('/api/v1/workspaces/{workspace}/releases/{id}', { path: this.path() }));
      this.busy.set(false);
      await this.load(this.slug(), this.id());
    } catch {
      // Shown as an error toast.
    } finally {
      this.busy.set(false);
    }
  }
}

function entryKey(item: { entryId: string; locale: string }): string {
  return `${item.entryId}|${item.locale}`;
}
