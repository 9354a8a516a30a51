import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ReactiveFormsModule, type FormControl } from '@angular/forms';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { fieldLabel, type FieldDef } from './entry-model';
import { MediaFieldComponent } from './media-field.component';
import { RelationPickerComponent } from './relation-picker.component';
import { RichTextComponent } from './rich-text.component';

/**
 * One field of an entry, with the widget of its type (docs/content/fields.md). The API's error for the field (or
 * the client's, for JSON that does not parse) shows under it. Components are edited as JSON.
 */
@Component({
  selector: 'quire-entry-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatCheckbox,
    RichTextComponent,
    RelationPickerComponent,
    MediaFieldComponent,
  ],
  host: { '[attr.data-field]': 'field().name' },
  template: `
    @let f = field();
    @let c = control();
    @switch (f.type) {
      @case ('richText') {
        <span class="label" [id]="labelId()">{{ label() }}</span>
        <quire-rich-text
          [control]="c"
          [inputId]="inputId()"
          [labelledBy]="labelId()"
          [describedBy]="error() ? errorId() : null"
          [toolbarLabel]="toolbarLabel()"
          [invalid]="!!error()"
          [disabled]="disabled()"
        />
        @if (error()) {
          <p class="field-error" [id]="errorId()" role="alert">{{ error() }}</p>
        }
      }
      @case ('relation') {
        <quire-relation-picker
          [control]="c"
          [field]="f"
          [workspace]="workspace()"
          [locale]="locale()"
          [label]="label()"
          [inputId]="inputId()"
          [describedBy]="error() ? errorId() : null"
          [disabled]="disabled()"
        />
        @if (error()) {
          <p class="field-error" [id]="errorId()" role="alert">{{ error() }}</p>
        }
      }
      @case ('media') {
        <span class="label" [id]="labelId()">{{ label() }}</span>
        <quire-media-field
          [control]="c"
          [field]="f"
          [workspace]="workspace()"
          [labelledBy]="labelId()"
          [describedBy]="error() ? errorId() : null"
          [disabled]="disabled()"
        />
        @if (error()) {
          <p class="field-error" [id]="errorId()" role="alert">{{ error() }}</p>
        }
      }
      @case ('boolean') {
        <mat-checkbox [formControl]="c" [id]="inputId()" [attr.aria-describedby]="error() ? errorId() : null">{{
          label()
        }}</mat-checkbox>
        @if (error()) {
          <p class="field-error" [id]="errorId()" role="alert">{{ error() }}</p>
        }
      }
      @default {
        <mat-form-field appearance="outline" class="full">
          <mat-label>{{ label() }}</mat-label>
          @switch (f.type) {
            @case ('longText') {
              <textarea matInput [formControl]="c" [id]="inputId()" rows="4"></textarea>
            }
            @case ('json') {
              <textarea matInput class="mono" [formControl]="c" [id]="inputId()" rows="6"></textarea>
            }
            @case ('component') {
              <textarea matInput class="mono" [formControl]="c" [id]="inputId()" rows="6"></textarea>
            }
            @case ('enum') {
              <select matNativeControl [formControl]="c" [id]="inputId()">
                <option value=""></option>
                @for (value of f.values ?? []; track value) {
                  <option [value]="value">{{ value }}</option>
                }
              </select>
            }
            @case ('integer') {
              <input matInput type="number" step="1" [formControl]="c" [id]="inputId()" />
            }
            @case ('decimal') {
              <input matInput type="number" step="any" [formControl]="c" [id]="inputId()" />
            }
            @default {
              <input matInput [type]="inputType()" [formControl]="c" [id]="inputId()" />
            }
          }
          @if (hint()) {
            <mat-hint>{{ hint() }}</mat-hint>
          }
          <mat-error>{{ error() }}</mat-error>
        </mat-form-field>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 12px;
    }
    .full {
      width: 100%;
    }
    .label {
      display: block;
      margin-bottom: 4px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .mono {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    }
    .field-error {
      margin: 4px 0 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class EntryFieldComponent {
  readonly field = input.required<FieldDef>();
  readonly control = input.required<FormControl<unknown>>();
  readonly workspace = input.required<string>();
  readonly locale = input.required<string>();
  /** The message to show: the API's or the client's. */
  readonly error = input<string | null>(null);
  readonly disabled = input(false);

  protected readonly inputId = computed(() => `field-${this.field().name}`);
  protected readonly labelId = computed(() => `field-${this.field().name}-label`);
  protected readonly errorId = computed(() => `field-${this.field().name}-error`);
  protected readonly label = computed(() => {
    const field = this.field();
    return field.required ? `${fieldLabel(field)} *` : fieldLabel(field);
  });
  protected readonly toolbarLabel = computed(
    () => $localize`:@@entries.rich.toolbar:Formatting for ${fieldLabel(this.field())}:field:`,
  );
  protected readonly inputType = computed(() => {
    switch (this.field().type) {
      case 'date':
        return 'date';
      case 'datetime':
        return 'datetime-local';
      case 'email':
        return 'email';
      case 'url':
        return 'url';
      default:
        return 'text';
    }
  });
  protected readonly hint = computed(() => {
    const field = this.field();
    if (field.type === 'slug' && field.sourceField)
      return $localize`:@@entries.slug.hint:Made from ${field.sourceField}:source: until you change it`;
    if (field.type === 'json' || field.type === 'component') return $localize`:@@entries.json.hint:JSON`;
    return field.description ?? '';
  });
}
