import { BreakpointObserver } from '@angular/cdk/layout';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { IconComponent } from '../shared/icon.component';
import { SessionStore } from '../state/session.store';
import { HealthIndicatorComponent } from './health-indicator.component';
import { SideNavComponent } from './side-nav.component';
import { WorkspaceSwitcherComponent } from './workspace-switcher.component';

/** Below this width (tablets in portrait, phones) the side navigation becomes an overlay. Same value in shell.component.scss. */
const COMPACT_QUERY = '(max-width: 899.98px)';

/**
 * The signed-in shell: toolbar (workspace switcher, health, account), side navigation and the routed page.
 * Built from plain elements styled with Material's system tokens rather than mat-sidenav and mat-nav-list:
 * those two alone cost ~55 kB of the initial bundle, and the shell is all that every visit must download.
 */
@Component({
  selector: 'quire-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    RouterOutlet,
    HealthIndicatorComponent,
    SideNavComponent,
    IconComponent,
    WorkspaceSwitcherComponent,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
  // On the document: Escape must close the overlay wherever focus is, the menu button included.
  host: { '(document:keydown.escape)': 'closeMenu()' },
})
export class ShellComponent {
  protected readonly session = inject(SessionStore);
  protected readonly signingOut = signal(false);

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    await this.session.signOut();
  }

  private readonly injector = inject(Injector);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly menuButton = viewChild.required<ElementRef<HTMLButtonElement>>('menuButton');
  private readonly sideNav = viewChild.required(SideNavComponent, { read: ElementRef });

  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe(COMPACT_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: window.matchMedia(COMPACT_QUERY).matches },
  );

  private readonly menuOpen = signal(false);

  /** The navigation covers the page: only on narrow screens, and only when asked for. */
  protected readonly overlayOpen = computed(() => this.compact() && this.menuOpen());

  protected toggleMenu(): void {
    if (this.overlayOpen()) {
      this.closeMenu();
    } else {
      this.menuOpen.set(true);
      // Move focus into the navigation once it is visible, so keyboard users land where they asked to go.
      afterNextRender(() => (this.sideNav().nativeElement as HTMLElement).querySelector('a')?.focus(), {
        injector: this.injector,
      });
    }
  }

  protected closeMenu(): void {
    if (!this.overlayOpen()) return;
    this.menuOpen.set(false);
    this.menuButton().nativeElement.focus();
  }

  protected onNavigate(): void {
    if (this.overlayOpen()) {
      this.menuOpen.set(false);
      this.main().nativeElement.focus();
    }
  }

  // A button, not href="#main-content": with a base href, a fragment link would load /admin/ instead.
  protected skipToMain(): void {
    this.main().nativeElement.focus();
  }
}
