import {
  HttpBackend,
  HttpXhrBackend,
  provideHttpClient,
  withInterceptors,
  withNoXsrfProtection,
} from '@angular/common/http';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { credentialsInterceptor } from '../../api/credentials.interceptor';
import { problemInterceptor } from '../../api/problem.interceptor';
import { sessionInterceptor } from '../../api/session.interceptor';

/**
 * HttpClient over XMLHttpRequest for the media screens. The console's client uses fetch (app.config.ts), which
 * cannot report upload progress; uploads need `HttpEventType.UploadProgress`. The interceptors are the console's
 * own, in the same order, so cookies, CSRF, the session refresh and problem details work exactly as elsewhere.
 */
export function provideUploadHttpClient(): (Provider | EnvironmentProviders)[] {
  return [
    provideHttpClient(
      withInterceptors([credentialsInterceptor, problemInterceptor, sessionInterceptor]),
      withNoXsrfProtection(),
    ),
    // Last, so it replaces provideHttpClient's choice (which would find the root injector's fetch backend).
    { provide: HttpBackend, useExisting: HttpXhrBackend },
  ];
}
