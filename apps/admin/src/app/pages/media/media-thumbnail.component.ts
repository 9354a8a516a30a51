import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { IconComponent } from '../../shared/icon.component';
import { kindIcon, previewUrl, type Asset } from './media-assets';

/**
 * An asset's picture: its thumbnail variant (images), else an icon of its kind. Decorative: the name beside it
 * is the accessible text, so `alt` stays empty. A variant that fails (a broken image) falls back to the icon.
 */
@Component({
  selector: 'quire-media-thumbnail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent],
  template: `
    @if (url(); as src) {
      @if (!failed()) {
        <img [src]="src" alt="" loading="lazy" (error)="failed.set(true)" />
      } @else {
        <quire-icon [name]="icon()" />
      }
    } @else {
      <quire-icon [name]="icon()" />
    }
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      justify-content: center;
      overflow: hidden;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
      border-radius: 8px;
    }
    img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
  `,
})
export class MediaThumbnailComponent {
  readonly workspace = input.required<string>();
  readonly asset = input.required<Pick<Asset, 'id' | 'mimeType' | 'variants' | 'kind'>>();

  protected readonly failed = signal(false);
  protected readonly url = computed(() => previewUrl(this.workspace(), this.asset(), 'thumbnail'));
  protected readonly icon = computed(() => kindIcon(this.asset().kind));
}
