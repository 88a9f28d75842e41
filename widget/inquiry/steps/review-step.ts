import { html, nothing, type TemplateResult } from 'lit';
import type { WidgetSession } from '../../session.ts';
import { formatDue } from '../../due-time.ts';
import { replyBy } from '../reply-by.ts';
import type { StepHost } from './step-host.ts';

/** Step 4, review and send: everything entered, links back to edit, the send's state. */
export function reviewStep(form: StepHost): TemplateResult {
  const t = form.t;
  const v = form.values;
  const text = (v: Parameters<WidgetSession['text']>[0]) => form.session.text(v);
  const product = form.config.products.find((p) => p.id === v.product);
  const type = product?.problemTypes.find((p) => p.id === v.problem_type);
  const severity = form.config.severities.find((s) => s.id === v.severity);
  const due = v.severity && v.plan ? replyBy(form.config, v.severity, v.plan, new Date(), form.session.locale, form.timeZone(), form.planClaim) : undefined;
  const kept = form.diagnostics.filter((d) => !form.removedDiagnostics.includes(d.name));
  const method = form.config.contactMethods.find((m) => m.id === v.preferred_method);
  const row = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value || t('inquiry.form.none')}</dd>`;
  // While the outbox holds the inquiry it is not edited: the send repeats the body it stored.
  const busy = form.sendState?.state === 'sending' || form.sendState?.state === 'queued';
  return html`<p>${t('inquiry.form.reviewIntro')}</p>
    <dl class="kq-review">
      ${row(t('inquiry.form.field.product'), product && text(product.name))}
      ${v.resource ? row(t('inquiry.form.field.resource'), text(product?.resources.find((r) => r.id === v.resource)?.name)) : nothing}
      ${row(t('inquiry.form.field.problem_type'), [type && text(type.name), text(type?.subtypes.find((s) => s.id === v.problem_subtype)?.name)].filter(Boolean).join(' / '))}
      ${row(t('inquiry.form.field.summary'), v.summary)}
    </dl>
    ${busy ? nothing : html`<button class="link" data-action="edit-what" @click=${() => void form.go('what')}>${t('inquiry.form.edit', { step: t('inquiry.form.steps.what') })}</button>`}
    <dl class="kq-review">
      ${row(t('inquiry.form.field.description'), html`<span class="kq-pre">${v.description}</span>`)}
      ${v.started_at ? row(t('inquiry.form.field.started_at'), new Date(v.started_at).toLocaleString(form.session.locale)) : nothing}
      ${row(t('inquiry.form.field.severity'), severity && html`${text(severity.name)}${due ? html`<br><span class="kq-due">${t('inquiry.form.replyBy', { time: due.text })}</span>` : nothing}`)}
      ${row(t('inquiry.form.field.attachments'), form.attachments.map((a) => a.name).join(', '))}
      ${row(t('inquiry.form.field.diagnostics'), kept.map((d) => d.name).join(', '))}
      ${row(t('inquiry.form.field.contact'), html`${v.name}<br>${v.email}${v.phone ? html`<br>${v.phone}` : nothing}<br>${method ? text(method.name) : ''} · ${form.config.locales.available.find((l) => l.code === v.language)?.name ?? v.language} · ${v.time_zone}`)}
    </dl>
    ${busy ? nothing : html`<button class="link" data-action="edit-details" @click=${() => void form.go('details')}>${t('inquiry.form.edit', { step: t('inquiry.form.steps.details') })}</button>`}
    <div class="kq-send" role="status">${sendStatus(form)}</div>
    <div class="row kq-nav">
      <button class="btn" part="button" data-action="previous" ?disabled=${busy} @click=${() => void form.previous()}>${t('inquiry.form.previous')}</button>
      <button class="btn primary" part="button" data-action="send" ?disabled=${busy} @click=${() => void form.send()}>${t('inquiry.form.send')}</button>
    </div>`;
}

/** The send's state in words: sending, waiting (offline, or until when), refused. */
function sendStatus(form: StepHost): TemplateResult | string {
  const s = form.sendState;
  const t = form.t;
  if (!s) return '';
  switch (s.state) {
    case 'sending':
      return t('inquiry.form.sending');
    case 'queued':
      return html`<p class="notice" data-state="queued-${s.reason}">${s.reason === 'offline' ? t('inquiry.form.queuedOffline') : t('inquiry.form.queuedUnavailable', { time: formatDue(new Date(s.retryAt), form.session.locale, form.timeZone()) })}</p>`;
    case 'rejected':
      return html`<p class="notice" data-state="rejected">${t('inquiry.form.rejected', { message: s.message })}</p>`;
    case 'sent':
      return '';
  }
}
