import { CdkDragHandle } from '@angular/cdk/drag-drop';
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { AbstractControl, ReactiveFormsModule } from '@angular/forms';
import { MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { fieldError } from '../../shared/form-problems';
import { IconComponent } from '../../shared/icon.component';
import {
  FIELD_TYPES,
  fieldNameFromLabel,
  fieldTypeLabel,
  MEDIA_KINDS,
  type ContentTypeKind,
  type FieldType,
} from './content-type-model';
import { enumValues, FieldDraft } from './field-draft';

/** A type the field can point at: a relation's target or an embedded component. */
export interface TypeChoice {
  apiId: string;
  name: string;
}

/**
 * One field of the type builder: a header that names it (opens and closes its editor, moves it up and down, removes
 * it; the handle drags it) and the editor with the common switches and the options of its type.
 */
@Component({
  selector: 'quire-field-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    NgTemplateOutlet,
    CdkDragHandle,
    MatIconButton,
    MatCheckbox,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
    MatHint,
    IconComponent,
  ],
  templateUrl: './field-editor.component.html',
  styleUrl: './field-editor.component.scss',
})
export class FieldEditorComponent {
  readonly draft = input.required<FieldDraft>();
  readonly index = input.required<number>();
  readonly count = input.required<number>();
  readonly kind = input.required<ContentTypeKind>();
  /** The type's other text fields: what a slug may be generated from. */
  readonly textFields = input<string[]>([]);
  readonly relationTargets = input<TypeChoice[]>([]);
  readonly components = input<TypeChoice[]>([]);

  readonly move = output<-1 | 1>();
  readonly remove = output<void>();

  protected readonly fieldTypes = FIELD_TYPES;
  protected readonly mediaKinds = MEDIA_KINDS;
  protected readonly typeLabel = fieldTypeLabel;
  protected readonly fieldError = fieldError;
  protected readonly enumValues = enumValues;

  /** A label for buttons and the header: the field's name, or its place while it has none. */
  protected title(): string {
    return this.draft().name || $localize`:@@types.field.untitled:Field ${this.index() + 1}:position:`;
  }

  protected moveUpLabel(): string {
    return $localize`:@@types.field.moveUp:Move ${this.title()}:field: up`;
  }

  protected moveDownLabel(): string {
    return $localize`:@@types.field.moveDown:Move ${this.title()}:field: down`;
  }

  protected removeLabel(): string {
    return $localize`:@@types.field.remove:Remove ${this.title()}:field:`;
  }

  protected labelChanged(): void {
    const draft = this.draft();
    if (!draft.nameEdited) draft.form.controls.name.setValue(fieldNameFromLabel(draft.form.controls.label.value));
  }

  protected typeChanged(type: string): void {
    this.draft().changeType(type as FieldType);
  }

  protected toggleKind(kind: string, checked: boolean): void {
    const control = this.draft().form.controls.allowedKinds;
    const others = control.value.filter((k) => k !== kind);
    control.setValue(checked ? [...others, kind] : others);
  }

  /** The API's message for a switch (a checkbox has no <mat-error>). */
  protected apiError(control: AbstractControl): string | null {
    const message = control.errors?.['api'];
    return typeof message === 'string' ? message : null;
  }
}
