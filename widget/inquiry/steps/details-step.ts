import { html, nothing, type TemplateResult } from 'lit';
import { formatBytes } from '../attachment-check.ts';
import { replyBy } from '../reply-by.ts';
import { backAndNext, type StepHost } from './step-host.ts';

/**
 * Step 3, the details: description, start, plan and severity with the reply-by promise, attachments, the
 * host's diagnostics, contact.
 */
export function detailsStep(form: StepHost): TemplateResult {
  const t = form.t;
  // Only the plans this customer may choose: a plan that requires identity is offered to the identity claiming it.
  const plans = form.plans;
  const hidden = plans.length < form.config.plans.length && !form.isLocked('plan');
  const localNow = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  return html`
    ${form.fields.input('description', 'textarea', { hint: t('inquiry.form.field.descriptionHint') })}
    ${form.fields.input('started_at', 'datetime-local', { optional: true, max: localNow })}
    ${
      // A single plan open to all is chosen without asking; the plan of the customer's identity is shown, locked.
      plans.length > 1 || form.isLocked('plan')
        ? form.fields.select(
            'plan',
            plans.map((p) => ({ id: p.id, name: form.session.text(p.name) })),
            t('inquiry.form.choose'),
          )
        : nothing
    }
    ${hidden ? html`<p class="kq-hint" id="kq-plan-hidden">${t('inquiry.form.planHidden')}</p>` : nothing}
    ${severityField(form)}
    ${attachmentsField(form)}
    ${diagnosticsField(form)}
    ${contactFields(form)}
    ${backAndNext(form, 'inquiry.form.next')}`;
}

/** Severity choices of the plan, each with its definition and the reply-by time it promises. */
function severityField(form: StepHost): TemplateResult {
  const t = form.t;
  const severities = form.severitiesFor(form.values.plan);
  const { attrs, message } = form.fields.invalid('severity');
  const now = new Date();
  return html`<fieldset class="kq-field" aria-invalid=${attrs.invalid ?? nothing} aria-describedby=${attrs.described ?? nothing}>
    <legend>${t('inquiry.form.field.severity')}</legend>
    ${severities.length ? nothing : html`<p class="kq-hint">${t('inquiry.form.noSeverity')}</p>`}
    ${severities.map((s) => {
      const due = replyBy(form.config, s.id, form.values.plan, now, form.session.locale, form.timeZone(), form.planClaim);
      const id = `kq-severity-${s.id}`;
      return html`<div class="kq-choice">
        <input type="radio" name="kq-severity" id=${id} value=${s.id} .checked=${form.values.severity === s.id} aria-describedby="${id}-def"
          @change=${() => form.set('severity', s.id)}>
        <label for=${id}><strong>${form.session.text(s.name)}</strong></label>
        <p class="kq-hint" id="${id}-def">${form.session.text(s.definition)}${due ? html`<br><span class="kq-due">${t('inquiry.form.replyBy', { time: due.text })}</span>` : nothing}</p>
      </div>`;
    })}
    ${message}
  </fieldset>`;
}

/** Attachments: picker and drop zone with the site's limits, each file with its upload state. */
function attachmentsField(form: StepHost): TemplateResult {
  const t = form.t;
  const limits = form.config.attachments;
  const { message } = form.fields.invalid('attachments');
  const types = limits.allowedTypes.map(typeName).join(', ');
  return html`<fieldset class="kq-field">
    <legend>${t('inquiry.form.field.attachments')} <span class="kq-opt">${t('inquiry.form.optional')}</span></legend>
    <div class="kq-drop" @dragover=${(e: DragEvent) => e.preventDefault()}
      @drop=${(e: DragEvent) => {
        e.preventDefault();
        form.addFiles([...(e.dataTransfer?.files ?? [])]);
      }}>
      <p class="kq-hint" id="kq-files-hint">${t('inquiry.form.attachHint', { count: limits.maxFiles, size: formatBytes(limits.maxBytes, form.session.locale), types })}</p>
      <label class="btn" for="kq-files">${t('inquiry.form.attachAdd')}</label>
      <input id="kq-files" class="kq-file" type="file" multiple accept=${limits.allowedTypes.join(',')} aria-describedby="kq-files-hint"
        ?disabled=${form.attachments.length >= limits.maxFiles}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          form.addFiles([...(input.files ?? [])]);
          input.value = '';
        }}>
    </div>
    ${
      form.attachments.length
        ? html`<ul class="list kq-files">
          ${form.attachments.map((a) => {
            const state = form.uploadState(a);
            return html`<li class="kq-file-item" data-name=${a.name}>
              <span class="kq-file-name">${a.name} <span class="kq-hint">(${formatBytes(a.size, form.session.locale)})</span></span>
              ${
                state === 'done'
                  ? html`<span class="kq-hint">${t('inquiry.form.uploaded')}</span>`
                  : state === 'later'
                    ? html`<span class="kq-hint">${t('inquiry.form.uploadLater')}</span>`
                    : html`<progress max=${state.total || 1} .value=${state.sent} aria-label=${t('inquiry.form.uploading', { percent: Math.round((state.sent / (state.total || 1)) * 100) })}></progress>`
              }
              <button class="link" data-action="remove-file" aria-label=${t('inquiry.form.attachRemove', { name: a.name })} @click=${() => form.removeFile(a)}>✕</button>
            </li>`;
          })}
        </ul>`
        : nothing
    }
    ${message}
  </fieldset>`;
}

/** The host's diagnostics, each shown and removable. */
function diagnosticsField(form: StepHost): TemplateResult | typeof nothing {
  const t = form.t;
  if (!form.diagnostics.length) return nothing;
  const removed = form.removedDiagnostics;
  return html`<fieldset class="kq-field">
    <legend>${t('inquiry.form.field.diagnostics')}</legend>
    <p class="kq-hint">${t('inquiry.form.diagnosticsHint')}</p>
    <ul class="list kq-diagnostics">
      ${form.diagnostics.map((d) =>
        removed.includes(d.name)
          ? html`<li class="kq-diag removed" data-name=${d.name}><span>${t('inquiry.form.diagnosticRemoved', { name: d.name })}</span>
              <button class="link" data-action="restore-diagnostic" @click=${() => form.toggleDiagnostic(d.name)}>${t('inquiry.form.diagnosticRestore', { name: d.name })}</button></li>`
          : html`<li class="kq-diag" data-name=${d.name}><code>${d.name}</code>: <span class="kq-value">${d.value}</span>
              <button class="link" data-action="remove-diagnostic" aria-label=${t('inquiry.form.diagnosticRemove', { name: d.name })} @click=${() => form.toggleDiagnostic(d.name)}>✕</button></li>`,
      )}
    </ul>
  </fieldset>`;
}

/** Contact: name, email, phone, preferred method, reply language, time zone. */
function contactFields(form: StepHost): TemplateResult {
  const t = form.t;
  const method = form.fields.invalid('preferred_method');
  return html`<fieldset class="kq-field">
    <legend>${t('inquiry.form.field.contact')}</legend>
    ${form.fields.input('name', 'text', { autocomplete: 'name' })}
    ${form.fields.input('email', 'email', { autocomplete: 'email' })}
    ${form.fields.input('phone', 'tel', { autocomplete: 'tel', optional: form.values.preferred_method !== 'phone' })}
    <fieldset class="kq-field" aria-invalid=${method.attrs.invalid ?? nothing} aria-describedby=${method.attrs.described ?? nothing}>
      <legend>${t('inquiry.form.field.preferred_method')}</legend>
      ${form.config.contactMethods.map(
        (
          m,
        ) => html`<div class="kq-choice"><input type="radio" name="kq-method" id="kq-method-${m.id}" value=${m.id} .checked=${form.values.preferred_method === m.id}
            aria-describedby=${m.hint ? `kq-method-${m.id}-hint` : nothing} @change=${() => form.set('preferred_method', m.id)}>
          <label for="kq-method-${m.id}">${form.session.text(m.name)}</label>
          ${m.hint ? html`<p class="kq-hint" id="kq-method-${m.id}-hint">${form.session.text(m.hint)}</p>` : nothing}</div>`,
      )}
      ${method.message}
    </fieldset>
    ${form.fields.select(
      'language',
      form.config.locales.available.map((l) => ({ id: l.code, name: l.name })),
      form.t('inquiry.form.choose'),
    )}
    ${form.fields.input('time_zone', 'text', { autocomplete: 'off', list: 'kq-zones' })}
    <datalist id="kq-zones">${zones().map((z) => html`<option value=${z}></option>`)}</datalist>
  </fieldset>`;
}

/** A MIME type as people know it: `image/png` → `PNG`, `text/plain` → `TXT`. */
function typeName(mime: string): string {
  const sub = mime.split('/')[1] ?? mime;
  return (
    ({ plain: 'TXT', jpeg: 'JPEG', 'x-zip-compressed': 'ZIP', 'svg+xml': 'SVG' } as Record<string, string>)[sub] ?? sub.replace(/^(x-|vnd\.)/, '').toUpperCase()
  );
}

let zoneList: string[] | undefined;
/** The IANA time zones this browser knows, for the time zone field's suggestions. */
function zones(): string[] {
  try {
    zoneList ??= (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    zoneList = [];
  }
  return zoneList;
}
