import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, Router, UrlSegment } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from './api/api-client';
import { SessionStore } from './state/session.store';
import { WorkspacesStore } from './state/workspaces.store';

/** Signed-out users go to /sign-in, with the page they asked for as `returnUrl`. */
export const signedIn: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  if (await inject(SessionStore).current()) return true;
  return router.createUrlTree(['/sign-in'], { queryParams: state.url !== '/' ? { returnUrl: state.url } : {} });
};

/** Signed-in users have nothing to do on the sign-in pages. */
export const signedOut: CanMatchFn = async () =>
  (await inject(SessionStore).current()) ? inject(Router).createUrlTree(['/']) : true;

/**
 * `w/:workspace`: loads the member's rules there first; a workspace the user is not in matches no route (404).
 * Signed out, it matches without asking the API, and the shell's `signedIn` guard sends to sign-in.
 */
export const inWorkspace: CanMatchFn = async (_route, segments: UrlSegment[]) => {
  const workspaces = inject(WorkspacesStore);
  if (!(await inject(SessionStore).current())) return true;
  const slug = segments[1]?.path;
  return !!slug && (await workspaces.enter(slug));
};

/** Matches only when the member's rules allow it; a second route at the same path explains the refusal. */
export function allowed(action: string, subject: string): CanMatchFn {
  return () => inject(WorkspacesStore).can(action, subject);
}

/**
 * `/start`, where signing in lands when no page was asked for: the workspace this session works in, else the
 * user's only workspace (the demo administrator's `demo`), else the list of workspaces.
 */
export const openWorkspace: CanActivateFn = async () => {
  const router = inject(Router);
  const api = inject(ApiClient);
  try {
    const me = await firstValueFrom(api.get('/api/v1/me', { silent: true }));
    if (me.activeWorkspace) return router.createUrlTree(['/w', me.activeWorkspace.slug]);
    const workspaces = await firstValueFrom(api.get('/api/v1/workspaces', { silent: true }));
    if (workspaces.length === 1) return router.createUrlTree(['/w', workspaces[0].slug]);
  } catch {
    // The list page shows what went wrong.
  }
  return router.createUrlTree(['/']);
};
