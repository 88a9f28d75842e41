/**
 * Styles of the inquiry form, adopted into the widget's shadow root when the form's chunk loads (so the
 * first open does not carry them). Same rules as panel-css.ts: px only, colours from the panel's palette (`--_fg`, `--_line`, `--_err`…), so the form follows the light or dark theme.
 */
export const INQUIRY_CSS = `
.kq-steps{display:flex;gap:4px;list-style:none;margin:0 0 12px;padding:0;font-size:12px;color:var(--_muted);counter-reset:kq}
.kq-steps li{flex:1;padding-top:6px;border-top:4px solid var(--_line);counter-increment:kq}
.kq-steps li::before{content:counter(kq) ". "}
.kq-steps li.done{border-color:var(--_field)}
.kq-steps li.current{border-color:var(--_accent);color:var(--_fg);font-weight:700}
.kq-step h3{margin:4px 0 12px;font-size:17px;letter-spacing:0;text-transform:none;color:var(--_fg)}
.kq-field{margin:0 0 14px;padding:0;border:0;min-width:0}
fieldset.kq-field>legend{padding:0;margin:0 0 6px;font-weight:700}
.kq-field>label,.kq-field>div>label{display:block;font-weight:600;margin-bottom:4px}
.kq select,.kq input:not([type=radio]):not([type=file]),.kq textarea{display:block;width:100%;min-height:40px;padding:8px 10px;border:2px solid var(--_field);border-radius:8px;background:var(--_bg);color:var(--_fg);font:inherit;font-size:16px}
.kq textarea{resize:vertical}
.kq input[readonly],.kq select:disabled{background:var(--_surface);border-color:var(--_field)}
.kq [aria-invalid=true]{border-color:var(--_err)!important}
.kq-error{margin:4px 0 0;color:var(--_err);font-size:14px;font-weight:600}
.kq-errors{margin:0 0 12px;padding:8px 10px;border:2px solid var(--_err);border-radius:8px;color:var(--_err-fg);background:var(--_err-bg);font-size:14px}
.kq-hint,.kq-opt{color:var(--_muted);font-size:13px;font-weight:400;margin:2px 0 4px}
.kq-choice{display:grid;grid-template-columns:auto 1fr;gap:0 8px;align-items:start;margin:0 0 8px}
.kq-choice input{margin:4px 0 0;width:18px;height:18px}
.kq-choice .kq-hint{grid-column:2}
.kq-due{color:var(--_fg);font-weight:600}
.kq-drop{padding:10px;border:2px dashed var(--_field);border-radius:8px}
.kq-file{position:absolute;width:1px;height:1px;opacity:0}
.kq-file:focus-visible+*,.kq-drop:focus-within label.btn{outline:3px solid var(--_focus);outline-offset:2px}
.kq-files li,.kq-diagnostics li{display:flex;flex-wrap:wrap;gap:6px;align-items:center;padding:6px 0;border-bottom:1px solid var(--_line);overflow-wrap:anywhere}
.kq-file-name{flex:1;min-width:0}
.kq-files progress{width:90px}
.kq-diagnostics .kq-value{flex:1;min-width:0;font-family:ui-monospace,monospace;font-size:13px}
.kq-diagnostics li.removed{color:var(--_muted)}
.kq-solution{padding:10px 12px;margin:0 0 8px;border:1px solid var(--_line);border-radius:8px}
.kq-solution strong{display:block;color:var(--_fg)}
.kq-solution .snippet{display:block;margin:4px 0 8px;font-size:14px}
.kq-review{margin:0 0 6px}
.kq-review dt{font-weight:700;font-size:13px;color:var(--_muted);margin-top:8px}
.kq-review dd{margin:0;overflow-wrap:anywhere}
.kq-pre{white-space:pre-wrap}
.kq-nav{margin-top:16px;justify-content:flex-end}
.kq-over{display:inline-block;margin-top:16px;font-size:14px}
.btn:disabled{opacity:.6;cursor:default}
`;
