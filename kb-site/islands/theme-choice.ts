/**
 * The reader's colour scheme choice, kept in localStorage: `light` or `dark` forced, `auto` (the default,
 * nothing stored) following the system. Shown to CSS as `<html data-theme>`, which site.css reads.
 */
export type ThemeChoice = 'light' | 'dark' | 'auto';

export const THEME_KEY = 'kotae.kb.theme';

export function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'auto';
  } catch {
    // Storage off (private mode, sandboxed frame): the system's scheme.
    return 'auto';
  }
}

export function storeTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'auto') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Not remembered; the page still switches.
  }
}

export function applyTheme(choice: ThemeChoice): void {
  document.documentElement.dataset.theme = choice;
}
