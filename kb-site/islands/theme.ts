/**
 * The one blocking script of a KB page, in `<head>` before the stylesheet: it marks `<html data-theme>`
 * with the reader's stored choice before anything is painted, so a forced dark scheme never flashes light.
 * It has to be a file (the strict CSP forbids inline scripts) and synchronous (a module runs after the
 * first paint). The attribute also tells the stylesheet that scripts run, so controls that need them
 * (theme switch, phone menu button) are shown without moving the page later.
 */
import { applyTheme, storedTheme } from './theme-choice.ts';

applyTheme(storedTheme());
