import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
  type OnInit,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { FormControl } from '@angular/forms';
import { Editor, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

interface ToolbarButton {
  id: string;
  label: string;
  text: string;
  run: (editor: Editor) => void;
  active?: (editor: Editor) => boolean;
}

/** The StarterKit commands the API keeps (docs/content/fields.md, "Rich text"), each with an accessible name. */
const BUTTONS: ToolbarButton[] = [
  {
    id: 'bold',
    label: $localize`:@@entries.rich.bold:Bold`,
    text: 'B',
    run: (e) => e.chain().focus().toggleBold().run(),
    active: (e) => e.isActive('bold'),
  },
  {
    id: 'italic',
    label: $localize`:@@entries.rich.italic:Italic`,
    text: 'I',
    run: (e) => e.chain().focus().toggleItalic().run(),
    active: (e) => e.isActive('italic'),
  },
  {
    id: 'underline',
    label: $localize`:@@entries.rich.underline:Underline`,
    text: 'U',
    run: (e) => e.chain().focus().toggleUnderline().run(),
    active: (e) => e.isActive('underline'),
  },
  {
    id: 'strike',
    label: $localize`:@@entries.rich.strike:Strikethrough`,
    text: 'S',
    run: (e) => e.chain().focus().toggleStrike().run(),
    active: (e) => e.isActive('strike'),
  },
  {
    id: 'h2',
    label: $localize`:@@entries.rich.heading2:Heading`,
    text: 'H2',
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
    active: (e) => e.isActive('heading', { level: 2 }),
  },
  {
    id: 'h3',
    label: $localize`:@@entries.rich.heading3:Subheading`,
    text: 'H3',
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
    active: (e) => e.isActive('heading', { level: 3 }),
  },
  {
    id: 'bullets',
    label: $localize`:@@entries.rich.bulletList:Bulleted list`,
    text: '•',
    run: (e) => e.chain().focus().toggleBulletList().run(),
    active: (e) => e.isActive('bulletList'),
  },
  {
    id: 'numbers',
    label: $localize`:@@entries.rich.orderedList:Numbered list`,
    text: '1.',
    run: (e) => e.chain().focus().toggleOrderedList().run(),
    active: (e) => e.isActive('orderedList'),
  },
  {
    id: 'quote',
    label: $localize`:@@entries.rich.blockquote:Quote`,
    text: '❝',
    run: (e) => e.chain().focus().toggleBlockquote().run(),
    active: (e) => e.isActive('blockquote'),
  },
  {
    id: 'code',
    label: $localize`:@@entries.rich.codeBlock:Code block`,
    text: '</>',
    run: (e) => e.chain().focus().toggleCodeBlock().run(),
    active: (e) => e.isActive('codeBlock'),
  },
  { id: 'undo', label: $localize`:@@entries.rich.undo:Undo`, text: '↶', run: (e) => e.chain().focus().undo().run() },
  { id: 'redo', label: $localize`:@@entries.rich.redo:Redo`, text: '↷', run: (e) => e.chain().focus().redo().run() },
];

/**
 * A rich-text field: Tiptap with StarterKit, stored as the Tiptap JSON document the API sanitises. The control
 * holds the document; the editor writes it on every change and reads it back when the form is reset from the API.
 */
@Component({
  selector: 'quire-rich-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toolbar" role="toolbar" [attr.aria-label]="toolbarLabel()" [attr.aria-controls]="inputId()">
      @for (button of buttons; track button.id) {
        <button
          type="button"
          [attr.title]="button.label"
          [attr.aria-pressed]="button.active ? isActive(button) : null"
          [disabled]="disabled()"
          (click)="run(button)"
        >
          <span aria-hidden="true">{{ button.text }}</span>
          <span class="visually-hidden">{{ button.label }}</span>
        </button>
      }
    </div>
    <div #host class="surface" [class.invalid]="invalid()"></div>
  `,
  styles: `
    :host {
      display: block;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      padding: 4px;
      border: 1px solid var(--mat-sys-outline);
      border-bottom: none;
      border-radius: 8px 8px 0 0;
    }
    .toolbar button {
      min-width: 36px;
      height: 32px;
      border: 1px solid transparent;
      border-radius: 6px;
      background: transparent;
      color: inherit;
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    .toolbar button[aria-pressed='true'] {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .surface {
      border: 1px solid var(--mat-sys-outline);
      border-radius: 0 0 8px 8px;
      padding: 4px 12px;
      min-height: 140px;
    }
    .surface.invalid {
      border-color: var(--mat-sys-error);
    }
    .surface :focus {
      outline: none;
    }
    .surface:focus-within {
      outline: 2px solid var(--mat-sys-primary);
    }
  `,
})
export class RichTextComponent implements OnInit {
  readonly control = input.required<FormControl<unknown>>();
  readonly inputId = input.required<string>();
  readonly labelledBy = input.required<string>();
  readonly describedBy = input<string | null>(null);
  readonly toolbarLabel = input.required<string>();
  readonly invalid = input(false);
  readonly disabled = input(false);

  protected readonly buttons = BUTTONS;
  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');
  /** Bumped on every editor transaction, so the toolbar's pressed states follow the selection. */
  private readonly tick = signal(0);
  private editor: Editor | null = null;
  private written: unknown = undefined;

  private readonly destroyRef = inject(DestroyRef);

  constructor() {
    this.destroyRef.onDestroy(() => this.editor?.destroy());
    effect(() => this.editor?.setEditable(!this.disabled(), false));
  }

  ngOnInit(): void {
    const control = this.control();
    this.editor = new Editor({
      element: this.host().nativeElement,
      extensions: [StarterKit.configure({ link: { openOnClick: false } })],
      content: (control.value as JSONContent | null) ?? '',
      editable: !this.disabled(),
      injectCSS: false,
      editorProps: {
        attributes: {
          id: this.inputId(),
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': this.labelledBy(),
          ...(this.describedBy() ? { 'aria-describedby': this.describedBy()! } : {}),
        },
      },
      onUpdate: ({ editor }) => {
        this.written = editor.getJSON();
        control.setValue(this.written);
        control.markAsDirty();
      },
      onTransaction: () => this.tick.update((n) => n + 1),
    });
    // A value set from outside (the API's version after a reload) replaces the document.
    control.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((value) => {
      if (value !== this.written && this.editor) {
        this.editor.commands.setContent((value as JSONContent | null) ?? '', { emitUpdate: false });
      }
    });
  }

  protected isActive(button: ToolbarButton): boolean {
    this.tick();
    return !!this.editor && !!button.active?.(this.editor);
  }

  protected run(button: ToolbarButton): void {
    if (this.editor) button.run(this.editor);
  }
}
