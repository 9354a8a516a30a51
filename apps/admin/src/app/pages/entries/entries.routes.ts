import { Routes } from '@angular/router';
import { allowed } from '../../guards';
import { unsavedChangesGuard } from './unsaved-changes.guard';

const notAllowed = () => import('../not-allowed/not-allowed.page').then((m) => m.NotAllowedPage);

/** Screens of this area, under /w/:workspace (spread into app.routes.ts). Every page is lazy. */
export const entryRoutes: Routes = [
  {
    path: 'content',
    title: $localize`:@@entries.title.types:Content`,
    canMatch: [allowed('read', 'Entry')],
    loadComponent: () => import('./entry-types.page').then((m) => m.EntryTypesPage),
  },
  {
    path: 'content/:type',
    title: $localize`:@@entries.title.list:Entries`,
    canMatch: [allowed('read', 'Entry')],
    loadComponent: () => import('./entry-list.page').then((m) => m.EntryListPage),
  },
  {
    path: 'content/:type/new',
    title: $localize`:@@entries.title.new:New entry`,
    canMatch: [allowed('create', 'Entry')],
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./entry-editor.page').then((m) => m.EntryEditorPage),
  },
  // Before `:entryId`, which would take "new" for an id.
  { path: 'content/:type/new', title: $localize`:@@title.notAllowed:Not allowed`, loadComponent: notAllowed },
  {
    path: 'content/:type/:entryId',
    title: $localize`:@@entries.title.edit:Edit entry`,
    canMatch: [allowed('read', 'Entry')],
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./entry-editor.page').then((m) => m.EntryEditorPage),
  },
  ...['content', 'content/:type', 'content/:type/:entryId'].map((path) => ({
    path,
    title: $localize`:@@title.notAllowed:Not allowed`,
    loadComponent: notAllowed,
  })),
];
