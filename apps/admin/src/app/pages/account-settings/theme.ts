/**
 * The console's colour theme: a preference of this browser, kept in localStorage (not data about anyone else, and
 * sign-out's clearing of local storage just returns it to "system"). Material's theme uses light-dark() colours, so
 * setting `color-scheme` on <html> switches every token; the `theme-…` class is for styles that need a hook.
 */
export type Theme = 'light' | 'dark' | 'system';

export const THEME_STORAGE_KEY = 'quire.theme';
const THEMES: readonly Theme[] = ['light', 'dark', 'system'];

export function storedTheme(): Theme {
  const value = localStorage.getItem(THEME_STORAGE_KEY);
  return THEMES.includes(value as Theme) ? (value as Theme) : 'system';
}

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  root.style.colorScheme = theme === 'system' ? '' : theme;
  for (const name of THEMES) root.classList.toggle(`theme-${name}`, name === theme);
}

export function saveTheme(theme: Theme): void {
  if (theme === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
  else localStorage.setItem(THEME_STORAGE_KEY, theme);
  applyTheme(theme);
}
