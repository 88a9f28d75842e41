/**
 * Styles of the panel and its views, adopted as a constructable stylesheet (no `<style>` element, so a
 * strict CSP needs no `unsafe-inline`). Everything lives inside the shadow root, so host page selectors
 * never reach it; sizes are px, never rem. Theme through custom properties on `kotae-widget` /
 * `kotae-help` (`--kotae-primary`, `--kotae-on-primary`, `--kotae-radius`, `--kotae-font`, `--kotae-focus`)
 * or `::part(panel|header|input|result|article|button)`.
 */
export const PANEL_CSS = `
:host{--_primary:var(--kotae-primary,var(--kotae-site-primary,#0b5cad));--_on-primary:var(--kotae-on-primary,#fff);--_radius:var(--kotae-radius,12px);--_focus:var(--kotae-focus,#ffbf47)}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.panel{display:flex;flex-direction:column;background:#fff;color:#1b1f24;font-family:var(--kotae-font,inherit);font-size:15px;line-height:1.5;text-align:start;overflow:hidden}
.floating{position:fixed;bottom:20px;right:20px;width:380px;max-width:calc(100vw - 40px);height:min(620px,calc(100vh - 40px));border-radius:var(--_radius);box-shadow:0 10px 40px rgb(0 0 0/.3)}
:host([position=bottom-left]) .floating{right:auto;left:20px}
.inline{width:100%;height:100%;min-height:360px;border:1px solid #c9d1d9;border-radius:var(--_radius)}
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
.search{display:block;width:100%;min-height:44px;padding:10px 12px;border:2px solid #5e6a77;border-radius:8px;background:#fff;color:#1b1f24;font-size:16px}
.search:focus-visible{border-color:var(--_primary);outline-offset:1px}
h3{margin:18px 0 8px;font-size:13px;font-weight:700;letter-spacing:.02em;color:#4a5562;text-transform:uppercase}
ul.list{list-style:none;margin:0;padding:0}
.result{all:unset;box-sizing:border-box;display:block;width:100%;padding:10px 12px;margin:0 0 6px;border:1px solid #d5dbe1;border-radius:8px;cursor:pointer;color:#1b1f24;text-align:start}
.result:hover{border-color:var(--_primary)}
.result:focus-visible{outline:3px solid var(--_focus);outline-offset:1px}
.result strong{display:block;font-weight:600;color:var(--_primary)}
.result .where{display:block;font-size:13px;color:#4a5562}
.result .snippet{display:block;margin-top:4px;font-size:14px;color:#333b44}
mark{background:#fff0a8;color:inherit;padding:0 1px;border-radius:2px}
.none{margin:16px 0 4px;font-weight:600}
.hint,.meta{color:#4a5562;font-size:14px}
.notice{margin:8px 0;padding:8px 10px;border-radius:8px;background:#fff6dd;color:#3d3000;font-size:14px}
h2.title,.content [id]{scroll-margin-top:16px}
article h2.title{margin:0 0 4px;font-size:20px;line-height:1.35}
.content{overflow-wrap:anywhere}
.content img{max-width:100%;height:auto}
.content table{border-collapse:collapse;display:block;overflow:auto;font-size:14px}
.content th,.content td{border:1px solid #d5dbe1;padding:4px 8px;text-align:start}
.content pre{overflow:auto;background:#f3f5f7;padding:8px;border-radius:6px}
.content h2{font-size:18px}.content h3{font-size:16px;text-transform:none;letter-spacing:0;color:inherit}
a{color:var(--_primary)}
section.box{margin-top:20px;padding-top:12px;border-top:1px solid #d5dbe1}
section.box h4{margin:0 0 8px;font-size:15px}
.row{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.btn{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;justify-content:center;min-height:40px;min-width:64px;padding:0 16px;border:2px solid var(--_primary);border-radius:8px;cursor:pointer;color:var(--_primary);font-weight:600;text-align:center}
.btn.primary{background:var(--_primary);color:var(--_on-primary)}
.btn:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
.link{all:unset;cursor:pointer;color:var(--_primary);text-decoration:underline}
.link:focus-visible{outline:3px solid var(--_focus)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.methods dt{font-weight:600}.methods dd{margin:0 0 8px}
.about{margin-top:24px;border-top:1px solid #d5dbe1;padding-top:8px}
.about summary{cursor:pointer;font-weight:600;color:var(--_primary)}
`;
