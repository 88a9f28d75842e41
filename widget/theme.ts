import type { KotaeTheme } from './api.ts';

const THEMES: readonly string[] = ['light', 'dark', 'auto'] satisfies KotaeTheme[];

/** Whether `value` names a colour scheme the widget has (`data-theme` and the `theme` command take these). */
export function isTheme(value: unknown): value is KotaeTheme {
  return THEMES.includes(value as string);
}

/**
 * Puts a panel's host element (`kotae-widget`, `kotae-help`) in a colour scheme: its `theme` attribute,
 * which panel-css.ts reads (`:host([theme=dark])`; without it, or `auto`, the system's preference decides).
 */
export function applyTheme(element: HTMLElement, theme: KotaeTheme): void {
  if (theme === 'auto') element.removeAttribute('theme');
  else element.setAttribute('theme', theme);
}
