/**
 * Styles of the panel and its views, adopted as a constructable stylesheet (no `<style>` element, so a
 * strict CSP needs no `unsafe-inline`). Everything lives inside the shadow root, so host page selectors
 * never reach it; sizes are px, never rem. Theme through custom properties on `kotae-widget` /
 * `kotae-help` (`--kotae-primary`, `--kotae-on-primary`, `--kotae-accent`, `--kotae-bg`, `--kotae-text`,
 * `--kotae-muted`, `--kotae-border`, `--kotae-surface`, `--kotae-radius`, `--kotae-font`, `--kotae-focus`)
 * or `::part(panel|header|input|result|article|button)`.
 *
 * Colours come from one palette of `--_*` properties on `:host`: light by default, dark when the host
 * element's `theme` attribute says `dark`, or under `prefers-color-scheme: dark` unless it says `light`
 * (see theme.ts). Each dark colour keeps WCAG AA contrast on the dark background, as the light ones do on white.
 */
const DARK =
  '--_bg:var(--kotae-bg,#161b22);--_fg:var(--kotae-text,#e6e9ed);--_muted:var(--kotae-muted,#aeb6c0);--_line:var(--kotae-border,#3a424c);--_surface:var(--kotae-surface,#1f262e);--_accent:var(--kotae-accent,#7cb8ff);--_field:#8b96a3;--_mark:#5c4a00;--_notice:#2b2410;--_on-notice:#f2dfa6;--_err:#ff8b8b;--_err-bg:#3a1a1a;--_err-fg:#ffb4ab;--_note:#7cb8ff;--_tip:#6fd08c;--_important:#c6a8ff;--_warning:#f2c14e;--_caution:#ff8b8b;color-scheme:dark';

export const PANEL_CSS = `
:host{--_primary:var(--kotae-primary,var(--kotae-site-primary,#0b5cad));--_on-primary:var(--kotae-on-primary,#fff);--_radius:var(--kotae-radius,12px);--_focus:var(--kotae-focus,#ffbf47);--_bg:var(--kotae-bg,#fff);--_fg:var(--kotae-text,#1b1f24);--_muted:var(--kotae-muted,#4a5562);--_line:var(--kotae-border,#d5dbe1);--_surface:var(--kotae-surface,#f3f5f7);--_accent:var(--kotae-accent,var(--_primary));--_field:#5e6a77;--_mark:#fff0a8;--_notice:#fff6dd;--_on-notice:#3d3000;--_err:#b3261e;--_err-bg:#fdecea;--_err-fg:#8c1d18;--_note:#0b5cad;--_tip:#1a7f37;--_important:#6f42c1;--_warning:#8a5a00;--_caution:#c11f1f;color-scheme:light}
:host([theme=dark]){${DARK}}
@media (prefers-color-scheme:dark){:host(:not([theme=light])){${DARK}}}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.panel{display:flex;flex-direction:column;background:var(--_bg);color:var(--_fg);font-family:var(--kotae-font,inherit);font-size:15px;line-height:1.5;text-align:start;overflow:hidden}
.floating{position:fixed;bottom:20px;right:20px;width:380px;max-width:calc(100vw - 40px);height:min(620px,calc(100vh - 40px));border:1px solid var(--_line);border-radius:var(--_radius);box-shadow:0 10px 40px rgb(0 0 0/.3)}
:host([position=bottom-left]) .floating{right:auto;left:20px}
.inline{width:100%;height:100%;min-height:360px;border:1px solid var(--_line);border-radius:var(--_radius)}
@media (max-width:480px),(max-height:480px){.floating{inset:0;width:100%;max-width:none;height:100%;border-radius:0}}
@media (prefers-reduced-motion:no-preference){.floating{animation:kotae-in .16s ease-out}@keyframes kotae-in{from{opacity:0;transform:translateY(12px)}}}
header{display:flex;align-items:center;gap:8px;min-height:52px;padding:6px 8px 6px 16px;background:var(--_primary);color:var(--_on-primary)}
header h2{flex:1;min-width:0;margin:0;font-size:17px;font-weight:700;line-height:1.3;overflow-wrap:anywhere}
.icon{all:unset;display:inline-flex;align-items:center;justify-content:center;width:40px;height:40px;border-radius:8px;cursor:pointer;color:inherit}
.icon svg{width:22px;height:22px;fill:currentColor}
.body{flex:1;overflow:auto;padding:16px;overscroll-behavior:contain}
button,input,a{font:inherit}
:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
.icon:focus-visible{outline-color:var(--_on-primary)}
.search{display:block;width:100%;min-height:44px;padding:10px 12px;border:2px solid var(--_field);border-radius:8px;background:var(--_bg);color:var(--_fg);font-size:16px}
.search:focus-visible{border-color:var(--_primary);outline-offset:1px}
h3{margin:18px 0 8px;font-size:13px;font-weight:700;letter-spacing:.02em;color:var(--_muted);text-transform:uppercase}
ul.list{list-style:none;margin:0;padding:0}
.result{all:unset;box-sizing:border-box;display:block;width:100%;padding:10px 12px;margin:0 0 6px;border:1px solid var(--_line);border-radius:8px;cursor:pointer;color:var(--_fg);text-align:start}
.result:hover{border-color:var(--_accent)}
.result:focus-visible{outline:3px solid var(--_focus);outline-offset:1px}
.result strong{display:block;font-weight:600;color:var(--_accent)}
.result .where{display:block;font-size:13px;color:var(--_muted)}
.result .snippet{display:block;margin-top:4px;font-size:14px}
mark{background:var(--_mark);color:inherit;padding:0 1px;border-radius:2px}
.none{margin:16px 0 4px;font-weight:600}
.hint,.meta{color:var(--_muted);font-size:14px}
.notice{margin:8px 0;padding:8px 10px;border-radius:8px;background:var(--_notice);color:var(--_on-notice);font-size:14px}
.announcements{display:grid;gap:8px;margin:4px 0 12px}
.announcement{--_sev:var(--_note);position:relative;padding:8px 44px 8px 12px;border:1px solid var(--_line);border-inline-start:4px solid var(--_sev);border-radius:8px;background:var(--_surface);font-size:14px}
.announcement.maintenance{--_sev:var(--_warning)}.announcement.incident{--_sev:var(--_caution)}
.announcement-title{margin:0}.announcement .severity{display:inline-block;padding:0 6px;border:1px solid var(--_sev);border-radius:4px;font-size:12px}
.announcement-body>*{margin:4px 0 0}.announcement-body a{color:var(--_accent)}
.announcement .dismiss{all:unset;position:absolute;top:4px;inset-inline-end:4px;display:inline-flex;align-items:center;justify-content:center;width:32px;height:32px;border-radius:6px;cursor:pointer;color:inherit}
.announcement .dismiss svg{width:18px;height:18px;fill:currentColor}.announcement .dismiss:focus-visible{outline:2px solid var(--_focus)}
h2.title,.content [id]{scroll-margin-top:16px}
article h2.title{margin:0 0 4px;font-size:20px;line-height:1.35}
.content{overflow-wrap:anywhere}
.content img{max-width:100%;height:auto}
.content table{border-collapse:collapse;display:block;overflow:auto;font-size:14px}
.content th,.content td{border:1px solid var(--_line);padding:4px 8px;text-align:start}
.content pre{overflow:auto;background:var(--_surface);padding:8px;border-radius:6px}
.content h2{font-size:18px}.content h3{font-size:16px;text-transform:none;letter-spacing:0;color:inherit}
a{color:var(--_accent)}
.callout{margin:0 0 1em;padding:8px 12px;border:1px solid var(--_line);border-inline-start:4px solid var(--_c,var(--_note));border-radius:6px;background:var(--_surface)}
.callout>:last-child{margin-bottom:0}
.callout-title{margin:0 0 4px;font-weight:700;color:var(--_c,var(--_note))}
.callout-tip{--_c:var(--_tip)}.callout-important{--_c:var(--_important)}.callout-warning{--_c:var(--_warning)}.callout-caution{--_c:var(--_caution)}
section.box{margin-top:20px;padding-top:12px;border-top:1px solid var(--_line)}
section.box h4{margin:0 0 8px;font-size:15px}
.row{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.btn{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;justify-content:center;min-height:40px;min-width:64px;padding:0 16px;border:2px solid var(--_accent);border-radius:8px;cursor:pointer;color:var(--_accent);font-weight:600;text-align:center}
.btn.primary{background:var(--_primary);border-color:var(--_primary);color:var(--_on-primary)}
.btn:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
.link{all:unset;cursor:pointer;color:var(--_accent);text-decoration:underline}
.link:focus-visible{outline:3px solid var(--_focus)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.methods dt{font-weight:600}.methods dd{margin:0 0 8px}
.about{margin-top:24px;border-top:1px solid var(--_line);padding-top:8px}
.about summary{cursor:pointer;font-weight:600;color:var(--_accent)}
`;
