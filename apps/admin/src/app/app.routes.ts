import { Routes } from '@angular/router';

// Paths are relative to the base href (/admin/). Every page is lazy so the initial bundle holds only the shell.
export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Overview',
    loadComponent: () => import('./pages/overview/overview.page').then((m) => m.OverviewPage),
  },
  {
    path: 'plugins',
    title: 'Plugins',
    loadComponent: () => import('./pages/plugins/plugins.page').then((m) => m.PluginsPage),
  },
  {
    path: '**',
    title: 'Not found',
    loadComponent: () => import('./pages/not-found/not-found.page').then((m) => m.NotFoundPage),
  },
];
