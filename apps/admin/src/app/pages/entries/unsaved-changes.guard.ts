import { inject, Injector } from '@angular/core';
import type { CanDeactivateFn } from '@angular/router';

/** A screen with edits the API does not have yet. */
export interface HasUnsavedChanges {
  hasUnsavedChanges(): boolean;
}

/**
 * Asks before leaving a screen with unsaved changes (closing the tab is the screen's own `beforeunload`). The
 * dialog is loaded when needed: route files are in the initial bundle.
 */
export const unsavedChangesGuard: CanDeactivateFn<HasUnsavedChanges> = async (component) => {
  if (!component.hasUnsavedChanges()) return true;
  const injector = inject(Injector);
  const [{ MatDialog }, { confirm }] = await Promise.all([
    import('@angular/material/dialog'),
    import('../../shared/confirm.dialog'),
  ]);
  return confirm(injector.get(MatDialog), {
    title: $localize`:@@entries.leave.title:Leave without saving?`,
    message: $localize`:@@entries.leave.message:Your latest changes have not been saved yet. They are lost if you leave now.`,
    confirm: $localize`:@@entries.leave.confirm:Leave`,
    destructive: true,
  });
};
