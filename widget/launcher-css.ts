/**
 * Styles of the floating host and the launcher. Every rule on `:host` is `!important` so that the host
 * page's own `!important` rules (which win over normal `:host` rules) cannot move or restyle the widget;
 * `all: initial` cuts inheritance (font size, direction, colour) from the page. Sizes are in px, never rem:
 * a host page's root font size must not scale the widget.
 */
export const LAUNCHER_CSS = `:host{all:initial!important;position:fixed!important;z-index:2147483647!important;bottom:20px!important;right:20px!important;left:auto!important;top:auto!important;display:block!important;direction:ltr!important;font:15px/1.45 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",sans-serif!important;color:#1b1f24!important;width:auto!important;height:auto!important;margin:0!important;padding:0!important;border:0!important;transform:none!important}
:host([position=bottom-left]){left:20px!important;right:auto!important}
.launcher{all:unset;box-sizing:border-box;display:flex;align-items:center;gap:8px;min-height:48px;padding:0 18px 0 14px;border-radius:24px;background:var(--kotae-primary,var(--kotae-site-primary,#0b5cad));color:var(--kotae-on-primary,#fff);font-family:inherit;font-size:15px;font-weight:600;line-height:1;cursor:pointer;box-shadow:0 4px 14px rgb(0 0 0/.25)}
.launcher:focus-visible{outline:3px solid var(--kotae-focus,#ffbf47);outline-offset:2px}
.launcher svg{width:22px;height:22px;fill:currentColor}
.launcher[aria-expanded=true]{display:none}`;
