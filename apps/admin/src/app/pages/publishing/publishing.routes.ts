import { Routes } from '@angular/router';
import { allowed } from '../../guards';

const notAllowed = () => import('../not-allowed/not-allowed.page').then((m) => m.NotAllowedPage);

/**
 * Screens of this area, under /w/:workspace (spread into app.routes.ts). Every page is lazy. The history and the
 * trash need `read Entry`, releases `publish Entry` (as the API's routes do); a member without it gets "Not
 * allowed" at the same path.
 */
export const publishingRoutes: Routes = [
  {
    path: 'content/:type/:entryId/history',
    title: $localize`:@@publishing.title.history:Revision history`,
    canMatch: [allowed('read', 'Entry')],
    loadComponent: () => import('./revision-history.page').then((m) => m.RevisionHistoryPage),
  },
  {
    path: 'trash',
    title: $localize`:@@publishing.title.trash:Trash`,
    canMatch: [allowed('read', 'Entry')],
    loadComponent: () => import('./trash.page').then((m) => m.TrashPage),
  },
  {
    path: 'releases',
    title: $localize`:@@publishing.title.releases:Releases`,
    canMatch: [allowed('publish', 'Entry')],
    loadComponent: () => import('./releases.page').then((m) => m.ReleasesPage),
  },
  {
    path: 'releases/:id',
    title: $localize`:@@publishing.title.release:Release`,
    canMatch: [allowed('publish', 'Entry')],
    loadComponent: () => import('./release.page').then((m) => m.ReleasePage),
  },
  ...['content/:type/:entryId/history', 'trash', 'releases', 'releases/:id'].map((path) => ({
    path,
    title: $localize`:@@title.notAllowed:Not allowed`,
    loadComponent: notAllowed,
  })),
];
