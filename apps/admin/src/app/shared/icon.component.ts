import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { iconPath } from './icon-paths';

/**
 * A decorative icon drawn as inline SVG. Unknown names fall back to the first letter of `fallback`,
 * so a plugin that names an icon the console does not know still gets a recognisable mark.
 */
@Component({
  selector: 'quire-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-hidden': 'true', class: 'quire-icon' },
  template: `
    @if (path(); as d) {
      <svg viewBox="0 0 24 24" width="24" height="24" focusable="false"><path [attr.d]="d" /></svg>
    } @else {
      <span class="letter">{{ letter() }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 24px;
      height: 24px;
      flex: none;
    }
    svg {
      fill: currentColor;
    }
    .letter {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 22px;
      height: 22px;
      border-radius: 6px;
      border: 2px solid currentColor;
      box-sizing: border-box;
      font-size: 12px;
      font-weight: 700;
      line-height: 1;
      text-transform: uppercase;
    }
  `,
})
export class IconComponent {
  readonly name = input<string>();
  readonly fallback = input('');

  protected readonly path = computed(() => iconPath(this.name()));
  protected readonly letter = computed(() => (this.fallback() || this.name() || '?').charAt(0));
}
