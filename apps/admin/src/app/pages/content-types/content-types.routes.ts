import { Routes } from '@angular/router';
import { allowed } from '../../guards';
import { unsavedChangesGuard } from '../entries/unsaved-changes.guard';

const notAllowed = () => import('../not-allowed/not-allowed.page').then((m) => m.NotAllowedPage);
const builder = () => import('./content-type-builder.page').then((m) => m.ContentTypeBuilderPage);

/**
 * Screens of this area, under /w/:workspace (spread into app.routes.ts). Every page is lazy. Content modelling is
 * for members who may change types (owners and admins, like the navigation entry's `update ContentType`); anyone
 * else gets "Not allowed" at the same path.
 */
export const contentTypeRoutes: Routes = [
  {
    path: 'content-types',
    title: $localize`:@@types.title.list:Content types`,
    canMatch: [allowed('update', 'ContentType')],
    loadComponent: () => import('./content-types.page').then((m) => m.ContentTypesPage),
  },
  {
    path: 'content-types/new',
    title: $localize`:@@types.title.new:New content type`,
    canMatch: [allowed('create', 'ContentType')],
    canDeactivate: [unsavedChangesGuard],
    loadComponent: builder,
  },
  {
    path: 'content-types/:apiId',
    title: $localize`:@@types.title.edit:Content type`,
    canMatch: [allowed('update', 'ContentType')],
    canDeactivate: [unsavedChangesGuard],
    loadComponent: builder,
  },
  ...['content-types', 'content-types/new', 'content-types/:apiId'].map((path) => ({
    path,
    title: $localize`:@@title.notAllowed:Not allowed`,
    loadComponent: notAllowed,
  })),
];
