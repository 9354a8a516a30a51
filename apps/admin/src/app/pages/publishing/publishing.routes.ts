import { Routes } from '@angular/router';

/** Screens of this area, under /w/:workspace (spread into app.routes.ts). Every page is lazy. */
export const publishingRoutes: Routes = [];
