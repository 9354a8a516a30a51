import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { applyTheme, storedTheme } from './pages/account-settings/theme';
import { ImpersonationBannerComponent } from './shell/impersonation-banner.component';

/** The root: the impersonation banner (on every screen, signed-in shell and sign-in pages alike) and the routes. */
@Component({
  selector: 'quire-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, ImpersonationBannerComponent],
  template: `<quire-impersonation-banner /><router-outlet />`,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
    }
  `,
})
export class AppComponent {
  constructor() {
    // The theme chosen on the account screen, before anything paints.
    applyTheme(storedTheme());
  }
}
