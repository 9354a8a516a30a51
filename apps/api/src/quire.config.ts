import type { QuirePlugin } from '@quire/core';

/**
 * The plugins this installation loads, in any order: the kernel's registry sorts them by dependency
 * and refuses to start on a broken declaration. Add your own plugins here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const plugins: QuirePlugin<any>[] = [];
