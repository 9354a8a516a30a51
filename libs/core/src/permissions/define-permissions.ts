import type { PermissionDeclaration } from './permission.types';

/** Declares a plugin's permission subjects, actions and default grants. The registry validates it at boot. */
export function definePermissions(declaration: PermissionDeclaration): PermissionDeclaration {
  return Object.freeze({ ...declaration });
}
