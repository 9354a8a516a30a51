import { Routes } from '@angular/router';
import { allowed } from '../../guards';
import { provideUploadHttpClient } from './media-http';
import { MediaUploads } from './media-uploads';

const notAllowed = () => import('../not-allowed/not-allowed.page').then((m) => m.NotAllowedPage);

/**
 * Screens of this area, under /w/:workspace (spread into app.routes.ts). Every page is lazy. The uploads live on
 * the parent route, so they go on (and their rows stay) while the member opens an asset and comes back.
 */
export const mediaRoutes: Routes = [
  {
    path: 'media',
    canMatch: [allowed('read', 'Asset')],
    providers: [provideUploadHttpClient(), MediaUploads],
    children: [
      {
        path: '',
        title: $localize`:@@media.title.library:Media`,
        loadComponent: () => import('./media-library.page').then((m) => m.MediaLibraryPage),
      },
      {
        path: ':id',
        title: $localize`:@@media.title.asset:Media file`,
        loadComponent: () => import('./media-detail.page').then((m) => m.MediaDetailPage),
      },
    ],
  },
  ...['media', 'media/:id'].map((path) => ({
    path,
    title: $localize`:@@title.notAllowed:Not allowed`,
    loadComponent: notAllowed,
  })),
];
