import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../api/api-client';
import type { ProblemDetails } from '../../api/problem-details';
import { confirm } from '../../shared/confirm.dialog';
import { fieldError, showProblemOnForm } from '../../shared/form-problems';
import { WorkspacesStore } from '../../state/workspaces.store';
import { ApiKeySecretDialog, type ApiKeySecretData } from '../members/api-key-secret.dialog';
import { DeliveryLogComponent } from './delivery-log.component';
import { WebhookTabsComponent } from './webhook-tabs.component';
import { eventPatterns, type Webhook, type WebhookEvent } from './webhooks-data';

interface EventGroup {
  label: string;
  options: Array<{ name: string; description: string }>;
}

/**
 * Create a webhook (`webhooks/new`) or look after one (`webhooks/<id>`): URL, events (names and patterns from
 * GET /webhook-events, plus any typed in), content types, enabled; the signing secret shown once after create and
 * rotate; ping, delete, and the delivery log. The API's field errors land on the field they name (`events[1]`).
 */
@Component({
  selector: 'quire-webhook-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
    MatHint,
    WebhookTabsComponent,
    DeliveryLogComponent,
  ],
  template: `
    <div class="page">
      <p>
        <a [routerLink]="['/w', slug, 'webhooks']" i18n="@@integrations.webhook.back">← All webhooks</a>
      </p>
      @if (webhookId) {
        <h1 i18n="@@integrations.webhook.heading">Webhook</h1>
      } @else {
        <h1 i18n="@@integrations.webhook.newHeading">New webhook</h1>
      }
      <quire-webhook-tabs />

      @if (webhookId && webhook() === null) {
        <p role="status" class="note" i18n="@@integrations.loading">Loading…</p>
        <div class="skeleton" aria-hidden="true"></div>
      } @else {
        @if (webhook()?.disabledReason; as reason) {
          <p class="form-error" role="alert" data-testid="webhook-disabled-reason">
            <ng-container i18n="@@integrations.webhook.disabledBy">Quire disabled this webhook:</ng-container>
            {{ reason }}
          </p>
        }
        @if (problem(); as problem) {
          <div class="form-error" role="alert" data-testid="form-error">
            <strong>{{ problem.title }}</strong>
            @if (problem.detail) {
              <div>{{ problem.detail }}</div>
            }
          </div>
        }
        <form class="stacked wide" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="webhook-form">
          <mat-form-field appearance="outline">
            <mat-label i18n="@@integrations.webhook.url">URL</mat-label>
            <input matInput type="url" formControlName="url" required data-testid="webhook-url" />
            <mat-hint i18n="@@integrations.webhook.urlHint">Where Quire POSTs the events (http or https)</mat-hint>
            <mat-error>{{ fieldError(form.controls.url) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label i18n="@@integrations.webhook.description">Description</mat-label>
            <input matInput formControlName="description" />
            <mat-error>{{ fieldError(form.controls.description) }}</mat-error>
          </mat-form-field>

          <fieldset
            data-testid="webhook-events"
            [attr.aria-describedby]="form.controls.events.invalid ? 'webhook-events-error' : null"
          >
            <legend i18n="@@integrations.webhook.events">Events</legend>
            @for (group of eventGroups(); track group.label) {
              <h3 class="minor">{{ group.label }}</h3>
              <div class="checks">
                @for (option of group.options; track option.name) {
                  <label class="check" [title]="option.description">
                    <input
                      type="checkbox"
                      [checked]="isSelected(option.name)"
                      [disabled]="form.disabled"
                      (change)="toggleEvent(option.name)"
                    />
                    <code>{{ option.name }}</code>
                  </label>
                }
              </div>
            }
            <mat-form-field appearance="outline" class="full">
              <mat-label i18n="@@integrations.webhook.otherEvents">Other names or patterns</mat-label>
              <input
                matInput
                [formControl]="otherEvents"
                (change)="mergeOtherEvents()"
                data-testid="webhook-other-events"
              />
              <mat-hint i18n="@@integrations.webhook.otherEventsHint"
                >Comma separated, e.g. content.entry.* — events plugins add later match a pattern too</mat-hint
              >
            </mat-form-field>
            @if (form.controls.events.invalid && form.controls.events.touched) {
              <p id="webhook-events-error" class="field-error" role="alert" data-testid="webhook-events-error">
                {{ fieldError(form.controls.events) }}
              </p>
            }
          </fieldset>

          <mat-form-field appearance="outline">
            <mat-label i18n="@@integrations.webhook.contentTypes">Only these content types</mat-label>
            <input matInput formControlName="contentTypes" />
            <mat-hint i18n="@@integrations.webhook.contentTypesHint"
              >API ids, comma separated; empty: every type. Events without a type are always sent.</mat-hint
            >
            <mat-error>{{ fieldError(form.controls.contentTypes) }}</mat-error>
          </mat-form-field>
          <label class="check">
            <input type="checkbox" formControlName="enabled" data-testid="webhook-enabled" />
            <ng-container i18n="@@integrations.webhook.enabled">Enabled: send deliveries</ng-container>
          </label>

          @if (canSave()) {
            <div class="actions">
              <button mat-flat-button type="submit" [disabled]="busy()" data-testid="webhook-save">
                @if (webhookId) {
                  <ng-container i18n="@@integrations.save">Save</ng-container>
                } @else {
                  <ng-container i18n="@@integrations.webhook.create">Create webhook</ng-container>
                }
              </button>
              @if (saved()) {
                <span role="status" class="saved" data-testid="webhook-saved" i18n="@@integrations.saved">Saved.</span>
              }
            </div>
          }
        </form>

        @if (webhook(); as webhook) {
          <h2 i18n="@@integrations.webhook.actions">Test and manage</h2>
          <div class="actions">
            @if (canUpdate()) {
              <button mat-stroked-button type="button" data-testid="webhook-ping" (click)="ping()">
                <ng-container i18n="@@integrations.webhook.ping">Send a ping</ng-container>
              </button>
              <button mat-stroked-button type="button" data-testid="webhook-rotate" (click)="rotate(webhook)">
                <ng-container i18n="@@integrations.webhook.rotate">Rotate secret</ng-container>
              </button>
            }
            @if (canDelete()) {
              <button mat-stroked-button type="button" data-testid="webhook-delete" (click)="remove(webhook)">
                <ng-container i18n="@@integrations.webhook.delete">Delete webhook</ng-container>
              </button>
            }
          </div>
          <h2 i18n="@@integrations.webhook.log">Delivery log</h2>
          <quire-delivery-log [webhookId]="webhook.id" />
        }
      }
    </div>
  `,
  styleUrls: ['../members/members.scss', './integrations.scss'],
})
export class WebhookEditorPage {
  private readonly api = inject(ApiClient);
  private readonly workspaces = inject(WorkspacesStore);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);

  protected readonly slug = this.workspaces.currentSlugValue() ?? '';
  protected readonly webhookId: string | null = inject(ActivatedRoute).snapshot.paramMap.get('webhookId');
  protected readonly webhook = signal<Webhook | null>(null);
  private readonly events = signal<WebhookEvent[]>([]);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly fieldError = fieldError;
  protected readonly canUpdate = computed(() => this.workspaces.can('update', 'Webhook'));
  protected readonly canDelete = computed(() => this.workspaces.can('delete', 'Webhook'));
  protected readonly canSave = computed(() => (this.webhookId ? this.canUpdate() : true));
  private readonly log = viewChild(DeliveryLogComponent);

  protected readonly form = new FormGroup({
    url: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    description: new FormControl('', { nonNullable: true }),
    events: new FormControl<string[]>([], { nonNullable: true, validators: [Validators.required] }),
    contentTypes: new FormControl('', { nonNullable: true }),
    enabled: new FormControl(true, { nonNullable: true }),
  });
  /** Names and patterns typed in: those not offered as a checkbox. */
  protected readonly otherEvents = new FormControl('', { nonNullable: true });

  /** Patterns first, then each plugin's events. */
  protected readonly eventGroups = computed<EventGroup[]>(() => {
    const events = this.events();
    if (events.length === 0) return [];
    const groups: EventGroup[] = [
      {
        label: $localize`:@@integrations.webhook.patterns:Patterns`,
        options: eventPatterns(events).map((name) => ({
          name,
          description: $localize`:@@integrations.webhook.patternHelp:Every event matching ${name}:pattern:`,
        })),
      },
    ];
    for (const plugin of [...new Set(events.map((event) => event.plugin))]) {
      groups.push({
        label: $localize`:@@integrations.webhook.pluginEvents:Events of ${plugin}:plugin:`,
        options: events.filter((event) => event.plugin === plugin),
      });
    }
    return groups;
  });
  private readonly offered = computed(() => new Set(this.eventGroups().flatMap((g) => g.options.map((o) => o.name))));

  constructor() {
    this.api.get('/api/v1/webhook-events').subscribe({
      next: (list) => {
        this.events.set(list.data);
        this.showOtherEvents();
      },
    });
    if (this.webhookId) {
      this.api
        .get('/api/v1/workspaces/{workspace}/webhooks/{id}', { path: { workspace: this.slug, id: this.webhookId } })
        .subscribe({ next: (webhook) => this.show(webhook) });
    }
  }

  protected isSelected(name: string): boolean {
    return this.form.controls.events.value.includes(name);
  }

  protected toggleEvent(name: string): void {
    const current = this.form.controls.events.value;
    this.setEvents(current.includes(name) ? current.filter((event) => event !== name) : [...current, name]);
  }

  protected mergeOtherEvents(): void {
    const typed = split(this.otherEvents.value);
    const checked = this.form.controls.events.value.filter((event) => this.offered().has(event));
    this.setEvents([...checked, ...typed.filter((event) => !checked.includes(event))]);
  }

  protected async save(): Promise<void> {
    this.mergeOtherEvents();
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.saved.set(false);
    this.problem.set(null);
    const value = this.form.getRawValue();
    const body = {
      url: value.url.trim(),
      description: value.description,
      events: value.events,
      contentTypes: split(value.contentTypes).length > 0 ? split(value.contentTypes) : null,
      enabled: value.enabled,
    };
    try {
      if (this.webhookId) {
        const webhook = await firstValueFrom(
          this.api.patch('/api/v1/workspaces/{workspace}/webhooks/{id}', {
            path: { workspace: this.slug, id: this.webhookId },
            body,
            silent: true,
          }),
        );
        this.show(webhook);
        this.saved.set(true);
      } else {
        const { secret, ...webhook } = await firstValueFrom(
          this.api.post('/api/v1/workspaces/{workspace}/webhooks', {
            path: { workspace: this.slug },
            body,
            silent: true,
          }),
        );
        await this.showSecret(webhook.url, secret);
        await this.router.navigate(['/w', this.slug, 'webhooks', webhook.id], { replaceUrl: true });
      }
    } catch (error) {
      this.problem.set(showProblemOnForm(this.form, error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async ping(): Promise<void> {
    try {
      await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/webhooks/{id}/ping', {
          path: { workspace: this.slug, id: this.webhookId! },
        }),
      );
      this.log()?.load();
    } catch {
      // Shown as an error toast (a disabled webhook is a 409).
    }
  }

  protected async rotate(webhook: Webhook): Promise<void> {
    const chosen = await confirm(this.dialog, {
      title: $localize`:@@integrations.rotate.title:Rotate the signing secret?`,
      message: $localize`:@@integrations.rotate.message:Quire signs with a new secret from now on. For 24 hours deliveries carry the old signature too, so the receiver can switch without missing one.`,
      confirm: $localize`:@@integrations.rotate.confirm:Rotate`,
    });
    if (!chosen) return;
    try {
      const { secret } = await firstValueFrom(
        this.api.post('/api/v1/workspaces/{workspace}/webhooks/{id}/rotate-secret', {
          path: { workspace: this.slug, id: webhook.id },
        }),
      );
      await this.showSecret(webhook.url, secret);
    } catch {
      // Shown as an error toast.
    }
  }

  protected async remove(webhook: Webhook): Promise<void> {
    const chosen = await confirm(this.dialog, {
      title: $localize`:@@integrations.deleteWebhook.title:Delete this webhook?`,
      message: $localize`:@@integrations.deleteWebhook.message:${webhook.url}:url: gets no more events, and its delivery log is deleted with it.`,
      confirm: $localize`:@@integrations.deleteWebhook.confirm:Delete`,
      destructive: true,
    });
    if (!chosen) return;
    try {
      await firstValueFrom(
        this.api.delete('/api/v1/workspaces/{workspace}/webhooks/{id}', {
          path: { workspace: this.slug, id: webhook.id },
        }),
      );
      await this.router.navigate(['/w', this.slug, 'webhooks']);
    } catch {
      // Shown as an error toast.
    }
  }

  /** The secret lives only in the dialog: nothing else keeps it, so it is gone once the dialog closes. */
  private async showSecret(url: string, secret: string): Promise<void> {
    const data: ApiKeySecretData = {
      name: url,
      secret,
      warning: $localize`:@@integrations.secretWarning:This is the only time the signing secret is shown. Store it with the receiver now: it verifies the Quire-Signature header of every delivery with it.`,
    };
    const ref = this.dialog.open(ApiKeySecretDialog, { data, disableClose: true, autoFocus: 'dialog', width: '560px' });
    await firstValueFrom(ref.afterClosed());
  }

  private show(webhook: Webhook): void {
    this.webhook.set(webhook);
    this.form.reset({
      url: webhook.url,
      description: webhook.description,
      events: webhook.events,
      contentTypes: (webhook.contentTypes ?? []).join(', '),
      enabled: webhook.enabled,
    });
    this.showOtherEvents();
    if (!this.canUpdate()) {
      this.form.disable();
      this.otherEvents.disable();
    }
  }

  private setEvents(events: string[]): void {
    const control = this.form.controls.events;
    control.setValue(events);
    control.markAsTouched();
    this.showOtherEvents();
  }

  /** The selected events that no checkbox offers, in the text field. */
  private showOtherEvents(): void {
    const offered = this.offered();
    this.otherEvents.setValue(this.form.controls.events.value.filter((event) => !offered.has(event)).join(', '), {
      emitEvent: false,
    });
  }
}

function split(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
