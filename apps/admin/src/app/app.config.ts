import { provideHttpClient, withFetch, withInterceptors, withNoXsrfProtection } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, TitleStrategy, withComponentInputBinding } from '@angular/router';
import { credentialsInterceptor } from './api/credentials.interceptor';
import { problemInterceptor } from './api/problem.interceptor';
import { sessionInterceptor } from './api/session.interceptor';
import { routes } from './app.routes';
import { QuireTitleStrategy } from './quire-title.strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // No zone.js is installed: signals tell Angular when to re-render.
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(
      withFetch(),
      // Order matters: problems wrap everything; the session interceptor sees raw 401s to refresh and retry.
      withInterceptors([credentialsInterceptor, problemInterceptor, sessionInterceptor]),
      // credentialsInterceptor echoes quire_csrf as X-CSRF-Token itself (Angular's default names differ).
      withNoXsrfProtection(),
    ),
    { provide: TitleStrategy, useClass: QuireTitleStrategy },
  ],
};
