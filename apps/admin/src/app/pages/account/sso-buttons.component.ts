import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatAnchor } from '@angular/material/button';
import { firstValueFrom } from 'rxjs';
import { ApiClient, type ResponseOf } from '../../api/api-client';
import { safeReturnUrl } from '../../shared/form-problems';

type Provider = ResponseOf<'/api/v1/auth/sso/discovery', 'get'>['providers'][number];

const LOOKS_LIKE_AN_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "Sign in with …" buttons for the address being typed: the SSO connections of the workspace that verified its
 * domain (GET /auth/sso/discovery). Each is a plain link to the API's start URL, which redirects to the provider
 * and, after it, back to the console with the session in cookies.
 */
@Component({
  selector: 'quire-sso-buttons',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatAnchor],
  template: `
    @if (providers().length > 0) {
      <div class="sso" data-testid="sso-buttons">
        <p class="note" i18n="@@signIn.ssoIntro">Your organisation signs you in:</p>
        @for (provider of providers(); track provider.id) {
          <a mat-flat-button [href]="hrefOf(provider)" [attr.data-provider]="provider.id" i18n="@@signIn.ssoButton"
            >Sign in with {{ provider.name }}</a
          >
        }
      </div>
    }
  `,
  styles: `
    .sso {
      display: grid;
      gap: 8px;
      margin-top: 16px;
    }
    .note {
      margin: 0;
    }
  `,
})
export class SsoButtonsComponent {
  private readonly api = inject(ApiClient);

  /** The address typed so far (debounced by the page). */
  readonly email = input.required<string>();
  /** Where the user was going, as the sign-in page got it. */
  readonly returnUrl = input<string | undefined>();

  protected readonly providers = signal<Provider[]>([]);

  constructor() {
    effect(() => {
      const email = this.email().trim();
      if (!LOOKS_LIKE_AN_ADDRESS.test(email)) {
        this.providers.set([]);
        return;
      }
      void this.lookUp(email);
    });
  }

  protected hrefOf(provider: Provider): string {
    const returnTo = `/admin${safeReturnUrl(this.returnUrl())}`;
    return `${provider.startUrl}?returnTo=${encodeURIComponent(returnTo)}`;
  }

  private async lookUp(email: string): Promise<void> {
    try {
      const answer = await firstValueFrom(
        this.api.get('/api/v1/auth/sso/discovery', { query: { email }, silent: true }),
      );
      // A slower answer for an address typed earlier must not replace the current one.
      if (this.email().trim() === email) this.providers.set(answer.providers);
    } catch {
      // No buttons: password and mailed code still work.
      this.providers.set([]);
    }
  }
}
