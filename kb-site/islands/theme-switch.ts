/**
 * The header's light / dark / auto switch: applies the choice at once (site.css reads `<html data-theme>`),
 * remembers it for the next pages (theme.ts applies it before their first paint) and tells the help
 * widget, which draws its panel in the same scheme.
 */
import { applyTheme, storedTheme, storeTheme, type ThemeChoice } from './theme-choice.ts';

type KotaeFn = (...args: unknown[]) => Promise<unknown>;

/** Tells the widget the scheme, when its loader is on the page (a later loader is told by `onWidgetLoaded`). */
export function tellWidget(choice: ThemeChoice): void {
  const kotae = (window as unknown as { Kotae?: KotaeFn }).Kotae;
  if (typeof kotae === 'function') void kotae('theme', choice).catch(() => {});
}

export function themeSwitch(): void {
  const select = document.getElementById('kb-theme') as HTMLSelectElement | null;
  if (!select) return;
  select.value = storedTheme();
  select.addEventListener('change', () => {
    const choice = select.value as ThemeChoice;
    storeTheme(choice);
    applyTheme(choice);
    tellWidget(choice);
  });
}
