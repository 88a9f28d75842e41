import type { TFunction } from 'i18next';
import { html, nothing, type TemplateResult } from 'lit';
import { LightElement } from '../views/light-element.ts';
import type { InquiryFieldError } from '../../content/schema/inquiry.ts';
import type { SearchResult } from '../../search/index.ts';
import type { KotaeEvents } from '../api.ts';
import type { WidgetSession } from '../session.ts';
import type { Submission } from '../views/confirmation-view.ts';
import { fileProblem, formatBytes } from './attachment-check.ts';
import { FormFields } from './form-fields.ts';
import { newDraft, openDraftStore, type DraftAttachment, type DraftStore, type InquiryDraft } from './draft-store.ts';
import type { PublicSiteConfig } from '../../content/schema/config.ts';
import { diagnosticItems, FIELD_PATH, initialValues, inquiryBody, type FieldName, type FormValues } from './form-values.ts';
import { identityClaims, type IdentityClaims } from './identity-claims.ts';
import { INQUIRY_CSS } from './inquiry-css.ts';
import type { Outbox, SendState } from './outbox.ts';
import { pageOutbox, sentReceipt } from './page-outbox.ts';
import { formatDue } from '../due-time.ts';
import { replyBy } from './reply-by.ts';
import { uploadAttachment, UploadError } from './upload.ts';
import { formField, STEPS, stepOf, validateInquiry, type StepId } from './validation.ts';

/** `kotae-failed`'s detail: the intake refused the inquiry (the `inquiry:error` payload, every part present). */
export type FailedDetail = Required<Pick<KotaeEvents['inquiry:error'], 'message' | 'status' | 'fields'>>;

type Upload = { sent: number; total: number } | 'done' | 'later';

const sheets = new WeakSet<ShadowRoot>();
let sheet: CSSStyleSheet | undefined;

/**
 * The structured inquiry (issue 7), in four steps: what (product → resource → problem type and subtype →
 * summary), suggested answers from the knowledge base, details (description, start, plan and severity with
 * the reply-by promise, attachments, diagnostics, contact), review and send. Every change is autosaved to the
 * site's draft; the send goes through the page's outbox with the draft's key as `Idempotency-Key`, so it
 * survives going offline and reloads and is stored exactly once. Validation uses the intake's own schema.
 * Dispatches `kotae-submitted` (a {@link Submission}) or `kotae-failed` ({@link FailedDetail}).
 */
export class InquiryForm extends LightElement {
  static override properties = {
    session: { attribute: false },
    ready: { state: true },
    step: { state: true },
    values: { state: true },
    errors: { state: true },
    notice: { state: true },
    diagnostics: { state: true },
    solutions: { state: true },
    sendState: { state: true },
    solved: { state: true },
  };
  declare session: WidgetSession;
  declare ready: boolean;
  declare step: StepId;
  declare values: FormValues;
  declare errors: InquiryFieldError[];
  /** A message about the form as a whole (a refused file, a restored draft…). */
  declare notice: string;
  declare diagnostics: { name: string; value: string }[];
  declare solutions: SearchResult[] | undefined;
  declare sendState: SendState | undefined;
  declare solved: { id: string; title: string } | undefined;

  private config!: PublicSiteConfig;
  private claims: IdentityClaims = {};
  private drafts!: DraftStore;
  private draft!: InquiryDraft;
  private outbox: Outbox | undefined;
  private intakeUrl = '';
  private readonly uploads = new Map<string, Upload>();
  private readonly aborts = new Map<string, AbortController>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | undefined;
  private unwatch: (() => void) | undefined;
  private reported = '';
  private searchSeq = 0;
  private readonly onOnline = () => this.retryUploads();
  private readonly fields = new FormFields(this);

  constructor() {
    super();
    this.ready = false;
    this.step = 'what';
    this.errors = [];
    this.notice = '';
    this.diagnostics = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const root = this.getRootNode();
    if (root instanceof ShadowRoot && !sheets.has(root)) {
      sheets.add(root);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(INQUIRY_CSS);
      }
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    addEventListener('online', this.onOnline);
    // A new locale or context re-renders the steps (the panel passes the same session object on).
    this.unwatch = this.session.subscribe(() => this.requestUpdate());
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.onOnline);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.unwatch?.();
    this.unwatch = undefined;
    if (this.saveTimer) void this.flush();
  }

  /** The session's translator (also for the field renderers). */
  get t(): TFunction {
    return this.session.i18n.t;
  }

  /** Loads the draft (or starts one from the context, prefill and identity) and the diagnostics. */
  private async start(): Promise<void> {
    const session = this.session;
    this.config = session.site!;
    this.claims = identityClaims(session.identity);
    const scope = session.data.base;
    this.intakeUrl = new URL(this.config.intake.url, scope).href;
    this.drafts = openDraftStore(scope);
    const initial = initialValues({ config: this.config, locale: session.locale, context: session.context, prefill: session.prefill, claims: this.claims, trail: session.trail.steps });
    const stored = await this.drafts.load();
    if (stored && !sentReceipt(stored.key)) {
      this.draft = stored;
      const saved = Object.fromEntries(Object.entries(stored.values).filter(([k, v]) => k in initial && typeof v === 'string')) as Partial<FormValues>;
      this.values = { ...initial, ...saved, ...this.lockedValues(initial) };
      this.step = (STEPS as readonly string[]).includes(stored.step) ? (stored.step as StepId) : 'what';
      this.notice = this.t('inquiry.form.restored');
      for (const a of stored.attachments) this.uploads.set(a.id, a.token ? 'done' : 'later');
    } else {
      this.draft = newDraft();
      this.values = initial;
    }
    this.outbox = pageOutbox(this.intakeUrl, scope);
    this.unsubscribe = this.outbox.subscribe((s) => this.onSendState(s));
    // A restored draft may be waiting in the outbox (or refused): show that state.
    const state = this.outbox.state(this.draft.key);
    await this.refreshDiagnostics();
    this.ready = true;
    if (state) this.onSendState(state);
    if (this.step === 'solutions') void this.findSolutions();
    this.retryUploads();
  }

  /** The contact fields an identified customer cannot change: those the token or prefill gave a value. */
  private lockedValues(initial: FormValues): Partial<FormValues> {
    if (!this.session.identity) return {};
    const locked: Partial<FormValues> = {};
    for (const name of ['name', 'email'] as const) if (initial[name]) locked[name] = initial[name];
    if (this.claims.plan && initial.plan) locked.plan = initial.plan;
    return locked;
  }

  /** Whether a field shows a value from the customer's identity and cannot be changed. */
  isLocked(name: FieldName): boolean {
    return !!this.session.identity && (name === 'name' || name === 'email' || (name === 'plan' && !!this.claims.plan)) && !!this.lockedValues(this.values)[name];
  }

  /** Runs the host's diagnostics provider again (the view was shown anew). */
  async refreshDiagnostics(): Promise<void> {
    this.diagnostics = diagnosticItems(await this.session.collectDiagnostics());
  }

  // ---- the draft ----

  /** Changes one value (and the values that depended on it), clears its error and autosaves. */
  set(name: FieldName, value: string): void {
    const values = { ...this.values, [name]: value };
    // A new product or problem type invalidates the choices that depended on it.
    if (name === 'product') values.resource = values.problem_type = values.problem_subtype = '';
    if (name === 'problem_type') values.problem_subtype = '';
    if (name === 'plan' && !this.severitiesFor(value).some((s) => s.id === values.severity)) values.severity = '';
    this.values = values;
    if (this.errors.some((e) => e.field === FIELD_PATH[name])) this.errors = this.errors.filter((e) => e.field !== FIELD_PATH[name]);
    this.save();
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flush(), 250);
  }

  private flush(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    // A sent or solved draft is gone for good: a late save (an upload finishing) must not bring it back.
    if (!this.draft || this.solved || this.sendState?.state === 'sent' || sentReceipt(this.draft.key)) return Promise.resolve();
    this.draft.values = { ...this.values };
    this.draft.step = this.step;
    this.draft.updatedAt = Date.now();
    return this.drafts.save(this.draft).catch((error: unknown) => console.error('Kotae: the draft could not be saved', error));
  }

  private async startOver(): Promise<void> {
    for (const c of this.aborts.values()) c.abort();
    this.aborts.clear();
    this.uploads.clear();
    await this.drafts.discard();
    this.draft = newDraft();
    this.values = initialValues({ config: this.config, locale: this.session.locale, context: this.session.context, prefill: this.session.prefill, claims: this.claims, trail: this.session.trail.steps });
    this.errors = [];
    this.notice = '';
    this.sendState = undefined;
    await this.go('what');
  }

  // ---- steps ----

  private async go(step: StepId): Promise<void> {
    this.step = step;
    this.save();
    if (step === 'solutions') void this.findSolutions();
    await this.updateComplete;
    this.querySelector<HTMLElement>('#kq-step')?.focus();
  }

  private body(attachments = this.draft.attachments.flatMap((a) => (a.token ? [a.token] : []))) {
    return inquiryBody(this.values, {
      locale: this.session.locale,
      trail: this.session.trail.steps,
      diagnostics: this.diagnostics.filter((d) => !this.draft.removedDiagnostics.includes(d.name)),
      attachments,
      identity: this.session.identity,
      pageUrl: location.href,
    });
  }

  /** Checks the fields of `step` (all fields for the review); shows the errors and focuses the first. */
  private async check(step?: StepId): Promise<boolean> {
    this.errors = validateInquiry(this.config, this.body([]), step);
    if (!this.errors.length) return true;
    await this.showErrors();
    return false;
  }

  private async showErrors(): Promise<void> {
    const first = this.errors[0]!;
    const step = stepOf(first.field);
    if (step !== this.step && step !== 'review') {
      this.step = step;
      this.save();
    }
    await this.updateComplete;
    this.fieldElement(first.field)?.focus();
  }

  private fieldElement(field: string): HTMLElement | null {
    const name = formField(field);
    if (name === 'severity') return this.querySelector<HTMLElement>('input[name=kq-severity]:checked') ?? this.querySelector<HTMLElement>('input[name=kq-severity]');
    if (name === 'preferred_method') return this.querySelector<HTMLElement>('input[name=kq-method]:checked') ?? this.querySelector<HTMLElement>('input[name=kq-method]');
    if (name) return this.querySelector<HTMLElement>(`#kq-${name}`);
    if (field.startsWith('attachments')) return this.querySelector<HTMLElement>('#kq-files');
    return this.querySelector<HTMLElement>('#kq-errors');
  }

  private async next(): Promise<void> {
    if (this.step === 'what') {
      if (await this.check('what')) await this.go('solutions');
    } else if (this.step === 'solutions') await this.go('details');
    else if (this.step === 'details') {
      if (await this.check('details')) await this.go('review');
    }
  }

  private async previous(): Promise<void> {
    const i = STEPS.indexOf(this.step);
    if (i > 0) await this.go(STEPS[i - 1]!);
  }

  // ---- suggested answers ----

  private solutionsQuery(): string {
    const product = this.config.products.find((p) => p.id === this.values.product);
    const type = product?.problemTypes.find((p) => p.id === this.values.problem_type);
    const subtype = type?.subtypes.find((s) => s.id === this.values.problem_subtype);
    return [this.values.summary, product && this.session.text(product.name), type && this.session.text(type.name), subtype && this.session.text(subtype.name)].filter(Boolean).join(' ');
  }

  private async findSolutions(): Promise<void> {
    const seq = ++this.searchSeq;
    this.solutions = undefined;
    try {
      const { results } = await this.session.search(this.solutionsQuery(), false);
      if (seq === this.searchSeq) this.solutions = results.slice(0, 3);
    } catch {
      if (seq === this.searchSeq) this.solutions = [];
    }
  }

  /** "This solved it": a deflection. Recorded as a helpful vote and `inquiry:deflect`; nothing is sent. */
  private async solvedBy(result: SearchResult): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    for (const c of this.aborts.values()) c.abort();
    this.solved = { id: result.entry, title: result.title };
    this.session.vote(result.entry, true);
    this.session.events.emit('inquiry:deflect', { id: result.entry, title: result.title, query: this.values.summary });
    await this.drafts.discard();
    await this.updateComplete;
    this.querySelector<HTMLElement>('#kq-step')?.focus();
  }

  // ---- attachments ----

  private addFiles(files: readonly File[]): void {
    const limits = this.config.attachments;
    const problems: string[] = [];
    for (const file of files) {
      const problem = fileProblem(limits, file, this.draft.attachments.length);
      if (problem) {
        problems.push(this.t(`inquiry.form.${problem}`, { name: file.name, size: formatBytes(limits.maxBytes, this.session.locale), count: limits.maxFiles }));
        continue;
      }
      const attachment: DraftAttachment = { id: crypto.randomUUID(), name: file.name || 'file', type: file.type, size: file.size, blob: file };
      this.draft.attachments = [...this.draft.attachments, attachment];
      this.upload(attachment);
    }
    this.notice = problems.join(' ');
    this.errors = this.errors.filter((e) => !e.field.startsWith('attachments'));
    this.save();
    this.requestUpdate();
  }

  private upload(attachment: DraftAttachment): void {
    if (!navigator.onLine) {
      this.uploads.set(attachment.id, 'later');
      return;
    }
    const abort = new AbortController();
    this.aborts.set(attachment.id, abort);
    this.uploads.set(attachment.id, { sent: 0, total: attachment.size });
    uploadAttachment(this.intakeUrl, attachment.blob, attachment.name, {
      locale: this.session.locale,
      signal: abort.signal,
      onProgress: (sent, total) => {
        this.uploads.set(attachment.id, { sent, total });
        this.requestUpdate();
      },
    }).then(
      ({ token }) => {
        attachment.token = token;
        this.uploads.set(attachment.id, 'done');
        this.save();
        this.requestUpdate();
      },
      (error: unknown) => {
        this.aborts.delete(attachment.id);
        if (abort.signal.aborted) return;
        if (error instanceof UploadError && !error.retryable) {
          // Refused by the intake (type, size): the file cannot go with the inquiry.
          this.removeFile(attachment);
          this.notice = `${attachment.name}: ${error.message}`;
          this.session.events.emit('inquiry:error', { message: error.message, status: error.status, code: error.code });
        } else this.uploads.set(attachment.id, 'later');
        this.requestUpdate();
      },
    );
  }

  /** Uploads, once back online, the files chosen while offline (the outbox would upload them when sending). */
  private retryUploads(): void {
    if (!this.draft || !navigator.onLine || this.sendState) return;
    for (const a of this.draft.attachments) if (!a.token && this.uploads.get(a.id) === 'later') this.upload(a);
  }

  private removeFile(attachment: DraftAttachment): void {
    this.aborts.get(attachment.id)?.abort();
    this.aborts.delete(attachment.id);
    this.uploads.delete(attachment.id);
    this.draft.attachments = this.draft.attachments.filter((a) => a.id !== attachment.id);
    this.save();
    this.requestUpdate();
  }

  private onPaste(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length || this.step !== 'details') return;
    event.preventDefault();
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    // Pasted screenshots are all called image.png; give them names support can tell apart.
    this.addFiles(files.map((f, i) => (f.name && f.name !== 'image.png' ? f : new File([f], `screenshot-${stamp}${i ? `-${i + 1}` : ''}.${f.type.split('/')[1] ?? 'png'}`, { type: f.type }))));
  }

  private toggleDiagnostic(name: string): void {
    const removed = this.draft.removedDiagnostics;
    this.draft.removedDiagnostics = removed.includes(name) ? removed.filter((n) => n !== name) : [...removed, name];
    this.save();
    this.requestUpdate();
  }

  // ---- sending ----

  private async send(): Promise<void> {
    if (!(await this.check())) return;
    this.reported = '';
    // The outbox uploads whatever has no token yet; an upload of ours still under way would be a second copy.
    for (const [id, c] of this.aborts) {
      c.abort();
      this.uploads.set(id, 'later');
    }
    this.aborts.clear();
    await this.flush();
    this.sendState = { state: 'sending', key: this.draft.key };
    try {
      await this.outbox!.send(this.draft.key, this.body(), this.draft.attachments, this.session.locale);
    } catch (error) {
      this.sendState = undefined;
      this.notice = String((error as Error)?.message ?? error);
      this.session.events.emit('inquiry:error', { message: this.notice });
    }
  }

  private onSendState(s: SendState): void {
    if (!this.draft || s.key !== this.draft.key) return;
    this.sendState = s;
    if (this.reported === `${s.state}`) return;
    if (s.state === 'sent') {
      this.reported = 'sent';
      const detail: Submission = { id: s.receipt.number, inquiryId: s.receipt.id, replyBy: s.receipt.first_response_due, statusUrl: s.receipt.status_url, timeZone: this.timeZone() };
      this.dispatchEvent(new CustomEvent('kotae-submitted', { detail, bubbles: true, composed: true }));
    } else if (s.state === 'rejected') {
      this.reported = 'rejected';
      this.errors = s.errors;
      const detail: FailedDetail = { message: s.message, status: s.status, fields: s.errors.map(({ field, code }) => ({ field, code })) };
      this.dispatchEvent(new CustomEvent('kotae-failed', { detail, bubbles: true, composed: true }));
      if (s.errors.length) void this.showErrors();
    } else this.reported = '';
  }

  // ---- rendering ----

  private severitiesFor(plan: string) {
    return this.config.severities.filter((s) => s.firstResponse.some((r) => r.plan === plan));
  }

  private timeZone(): string {
    try {
      new Intl.DateTimeFormat('en', { timeZone: this.values.time_zone });
      return this.values.time_zone;
    } catch {
      return this.config.businessHours.timeZone;
    }
  }

  private renderWhat(): TemplateResult {
    const text = (v: Parameters<WidgetSession['text']>[0]) => this.session.text(v);
    const product = this.config.products.find((p) => p.id === this.values.product);
    const type = product?.problemTypes.find((p) => p.id === this.values.problem_type);
    const choose = this.t('inquiry.form.choose');
    return html`
      ${this.fields.select('product', this.config.products.map((p) => ({ id: p.id, name: text(p.name) })), choose)}
      ${product?.resources.length ? this.fields.select('resource', product.resources.map((r) => ({ id: r.id, name: text(r.name) })), this.t('inquiry.form.field.resourceAny'), true) : nothing}
      ${this.fields.select('problem_type', (product?.problemTypes ?? []).map((p) => ({ id: p.id, name: text(p.name) })), choose)}
      ${type?.subtypes.length ? this.fields.select('problem_subtype', type.subtypes.map((s) => ({ id: s.id, name: text(s.name) })), this.t('inquiry.form.field.subtypeAny'), true) : nothing}
      ${this.fields.input('summary', 'text', { hint: this.t('inquiry.form.field.summaryHint') })}
      <div class="row kq-nav"><button class="btn primary" part="button" data-action="next" @click=${() => void this.next()}>${this.t('inquiry.form.next')}</button></div>`;
  }

  private renderSolutions(): TemplateResult {
    const t = this.t;
    return html`<p>${t('inquiry.form.solutionsIntro')}</p>
      ${this.solutions === undefined
        ? html`<p class="hint" role="status">${t('inquiry.form.searching')}</p>`
        : this.solutions.length
          ? html`<ul class="list kq-solutions">
              ${this.solutions.map(
                (r) => html`<li class="kq-solution" data-id=${r.entry}>
                  <strong>${r.title}</strong>
                  <span class="snippet">${r.snippet.map((s) => (s.highlight ? html`<mark>${s.text}</mark>` : s.text))}</span>
                  <span class="row">
                    <a href=${this.session.data.url(r.url)} target="_blank" rel="noopener">${t('article.openInCenter')}<span class="sr"> ${t('inquiry.form.readArticle', { title: r.title })}</span></a>
                    <button class="btn" part="button" data-action="solved" @click=${() => void this.solvedBy(r)}>${t('inquiry.form.solved')}</button>
                  </span>
                </li>`,
              )}
            </ul>`
          : html`<p class="hint" role="status">${t('inquiry.form.noSolutions')}</p>`}
      ${this.backAndNext('inquiry.form.continue')}`;
  }

  /** "Back" and the step's "next" button (the review step has "Send" instead). */
  private backAndNext(nextKey: string): TemplateResult {
    const t = this.t;
    return html`<div class="row kq-nav">
      <button class="btn" part="button" data-action="previous" @click=${() => void this.previous()}>${t('inquiry.form.previous')}</button>
      <button class="btn primary" part="button" data-action="next" @click=${() => void this.next()}>${t(nextKey)}</button>
    </div>`;
  }

  private renderSeverity(): TemplateResult {
    const t = this.t;
    const severities = this.severitiesFor(this.values.plan);
    const { attrs, message } = this.fields.invalid('severity');
    const now = new Date();
    return html`<fieldset class="kq-field" aria-invalid=${attrs.invalid ?? nothing} aria-describedby=${attrs.described ?? nothing}>
      <legend>${t('inquiry.form.field.severity')}</legend>
      ${severities.length ? nothing : html`<p class="kq-hint">${t('inquiry.form.noSeverity')}</p>`}
      ${severities.map((s) => {
        const due = replyBy(this.config, s.id, this.values.plan, now, this.session.locale, this.timeZone());
        const id = `kq-severity-${s.id}`;
        return html`<div class="kq-choice">
          <input type="radio" name="kq-severity" id=${id} value=${s.id} .checked=${this.values.severity === s.id} aria-describedby="${id}-def"
            @change=${() => this.set('severity', s.id)}>
          <label for=${id}><strong>${this.session.text(s.name)}</strong></label>
          <p class="kq-hint" id="${id}-def">${this.session.text(s.definition)}${due ? html`<br><span class="kq-due">${t('inquiry.form.replyBy', { time: due.text })}</span>` : nothing}</p>
        </div>`;
      })}
      ${message}
    </fieldset>`;
  }

  private renderAttachments(): TemplateResult {
    const t = this.t;
    const limits = this.config.attachments;
    const { message } = this.fields.invalid('attachments');
    const types = limits.allowedTypes.map(typeName).join(', ');
    return html`<fieldset class="kq-field">
      <legend>${t('inquiry.form.field.attachments')} <span class="kq-opt">${t('inquiry.form.optional')}</span></legend>
      <div class="kq-drop" @dragover=${(e: DragEvent) => e.preventDefault()}
        @drop=${(e: DragEvent) => {
          e.preventDefault();
          this.addFiles([...(e.dataTransfer?.files ?? [])]);
        }}>
        <p class="kq-hint" id="kq-files-hint">${t('inquiry.form.attachHint', { count: limits.maxFiles, size: formatBytes(limits.maxBytes, this.session.locale), types })}</p>
        <label class="btn" for="kq-files">${t('inquiry.form.attachAdd')}</label>
        <input id="kq-files" class="kq-file" type="file" multiple accept=${limits.allowedTypes.join(',')} aria-describedby="kq-files-hint"
          ?disabled=${this.draft.attachments.length >= limits.maxFiles}
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            this.addFiles([...(input.files ?? [])]);
            input.value = '';
          }}>
      </div>
      ${this.draft.attachments.length
        ? html`<ul class="list kq-files">
            ${this.draft.attachments.map((a) => {
              const state = this.uploads.get(a.id) ?? (a.token ? 'done' : 'later');
              return html`<li class="kq-file-item" data-name=${a.name}>
                <span class="kq-file-name">${a.name} <span class="kq-hint">(${formatBytes(a.size, this.session.locale)})</span></span>
                ${state === 'done'
                  ? html`<span class="kq-hint">${t('inquiry.form.uploaded')}</span>`
                  : state === 'later'
                    ? html`<span class="kq-hint">${t('inquiry.form.uploadLater')}</span>`
                    : html`<progress max=${state.total || 1} .value=${state.sent} aria-label=${t('inquiry.form.uploading', { percent: Math.round((state.sent / (state.total || 1)) * 100) })}></progress>`}
                <button class="link" data-action="remove-file" aria-label=${t('inquiry.form.attachRemove', { name: a.name })} @click=${() => this.removeFile(a)}>✕</button>
              </li>`;
            })}
          </ul>`
        : nothing}
      ${message}
    </fieldset>`;
  }

  private renderDiagnostics(): TemplateResult | typeof nothing {
    const t = this.t;
    if (!this.diagnostics.length) return nothing;
    const removed = this.draft.removedDiagnostics;
    return html`<fieldset class="kq-field">
      <legend>${t('inquiry.form.field.diagnostics')}</legend>
      <p class="kq-hint">${t('inquiry.form.diagnosticsHint')}</p>
      <ul class="list kq-diagnostics">
        ${this.diagnostics.map((d) =>
          removed.includes(d.name)
            ? html`<li class="kq-diag removed" data-name=${d.name}><span>${t('inquiry.form.diagnosticRemoved', { name: d.name })}</span>
                <button class="link" data-action="restore-diagnostic" @click=${() => this.toggleDiagnostic(d.name)}>${t('inquiry.form.diagnosticRestore', { name: d.name })}</button></li>`
            : html`<li class="kq-diag" data-name=${d.name}><code>${d.name}</code>: <span class="kq-value">${d.value}</span>
                <button class="link" data-action="remove-diagnostic" aria-label=${t('inquiry.form.diagnosticRemove', { name: d.name })} @click=${() => this.toggleDiagnostic(d.name)}>✕</button></li>`,
        )}
      </ul>
    </fieldset>`;
  }

  private renderContact(): TemplateResult {
    const t = this.t;
    const method = this.fields.invalid('preferred_method');
    return html`<fieldset class="kq-field">
      <legend>${t('inquiry.form.field.contact')}</legend>
      ${this.fields.input('name', 'text', { autocomplete: 'name' })}
      ${this.fields.input('email', 'email', { autocomplete: 'email' })}
      ${this.fields.input('phone', 'tel', { autocomplete: 'tel', optional: this.values.preferred_method !== 'phone' })}
      <fieldset class="kq-field" aria-invalid=${method.attrs.invalid ?? nothing} aria-describedby=${method.attrs.described ?? nothing}>
        <legend>${t('inquiry.form.field.preferred_method')}</legend>
        ${this.config.contactMethods.map(
          (m) => html`<div class="kq-choice"><input type="radio" name="kq-method" id="kq-method-${m.id}" value=${m.id} .checked=${this.values.preferred_method === m.id}
              aria-describedby=${m.hint ? `kq-method-${m.id}-hint` : nothing} @change=${() => this.set('preferred_method', m.id)}>
            <label for="kq-method-${m.id}">${this.session.text(m.name)}</label>
            ${m.hint ? html`<p class="kq-hint" id="kq-method-${m.id}-hint">${this.session.text(m.hint)}</p>` : nothing}</div>`,
        )}
        ${method.message}
      </fieldset>
      ${this.fields.select('language', this.config.locales.available.map((l) => ({ id: l.code, name: l.name })), this.t('inquiry.form.choose'))}
      ${this.fields.input('time_zone', 'text', { autocomplete: 'off', list: 'kq-zones' })}
      <datalist id="kq-zones">${zones().map((z) => html`<option value=${z}></option>`)}</datalist>
    </fieldset>`;
  }

  private renderDetails(): TemplateResult {
    const t = this.t;
    const plans = this.config.plans;
    const localNow = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    return html`
      ${this.fields.input('description', 'textarea', { hint: t('inquiry.form.field.descriptionHint') })}
      ${this.fields.input('started_at', 'datetime-local', { optional: true, max: localNow })}
      ${plans.length > 1 ? this.fields.select('plan', plans.map((p) => ({ id: p.id, name: this.session.text(p.name) })), t('inquiry.form.choose')) : nothing}
      ${this.renderSeverity()}
      ${this.renderAttachments()}
      ${this.renderDiagnostics()}
      ${this.renderContact()}
      ${this.backAndNext('inquiry.form.next')}`;
  }

  private renderReview(): TemplateResult {
    const t = this.t;
    const v = this.values;
    const text = (v: Parameters<WidgetSession['text']>[0]) => this.session.text(v);
    const product = this.config.products.find((p) => p.id === v.product);
    const type = product?.problemTypes.find((p) => p.id === v.problem_type);
    const severity = this.config.severities.find((s) => s.id === v.severity);
    const due = v.severity && v.plan ? replyBy(this.config, v.severity, v.plan, new Date(), this.session.locale, this.timeZone()) : undefined;
    const kept = this.diagnostics.filter((d) => !this.draft.removedDiagnostics.includes(d.name));
    const method = this.config.contactMethods.find((m) => m.id === v.preferred_method);
    const row = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value || t('inquiry.form.none')}</dd>`;
    // While the outbox holds the inquiry it is not edited: the send repeats the body it stored.
    const busy = this.sendState?.state === 'sending' || this.sendState?.state === 'queued';
    return html`<p>${t('inquiry.form.reviewIntro')}</p>
      <dl class="kq-review">
        ${row(t('inquiry.form.field.product'), product && text(product.name))}
        ${v.resource ? row(t('inquiry.form.field.resource'), text(product?.resources.find((r) => r.id === v.resource)?.name)) : nothing}
        ${row(t('inquiry.form.field.problem_type'), [type && text(type.name), text(type?.subtypes.find((s) => s.id === v.problem_subtype)?.name)].filter(Boolean).join(' / '))}
        ${row(t('inquiry.form.field.summary'), v.summary)}
      </dl>
      ${busy ? nothing : html`<button class="link" data-action="edit-what" @click=${() => void this.go('what')}>${t('inquiry.form.edit', { step: t('inquiry.form.steps.what') })}</button>`}
      <dl class="kq-review">
        ${row(t('inquiry.form.field.description'), html`<span class="kq-pre">${v.description}</span>`)}
        ${v.started_at ? row(t('inquiry.form.field.started_at'), new Date(v.started_at).toLocaleString(this.session.locale)) : nothing}
        ${row(t('inquiry.form.field.severity'), severity && html`${text(severity.name)}${due ? html`<br><span class="kq-due">${t('inquiry.form.replyBy', { time: due.text })}</span>` : nothing}`)}
        ${row(t('inquiry.form.field.attachments'), this.draft.attachments.map((a) => a.name).join(', '))}
        ${row(t('inquiry.form.field.diagnostics'), kept.map((d) => d.name).join(', '))}
        ${row(t('inquiry.form.field.contact'), html`${v.name}<br>${v.email}${v.phone ? html`<br>${v.phone}` : nothing}<br>${method ? text(method.name) : ''} · ${this.config.locales.available.find((l) => l.code === v.language)?.name ?? v.language} · ${v.time_zone}`)}
      </dl>
      ${busy ? nothing : html`<button class="link" data-action="edit-details" @click=${() => void this.go('details')}>${t('inquiry.form.edit', { step: t('inquiry.form.steps.details') })}</button>`}
      <div class="kq-send" role="status">${this.sendStatus()}</div>
      <div class="row kq-nav">
        <button class="btn" part="button" data-action="previous" ?disabled=${busy} @click=${() => void this.previous()}>${t('inquiry.form.previous')}</button>
        <button class="btn primary" part="button" data-action="send" ?disabled=${busy} @click=${() => void this.send()}>${t('inquiry.form.send')}</button>
      </div>`;
  }

  private sendStatus(): TemplateResult | string {
    const s = this.sendState;
    const t = this.t;
    if (!s) return '';
    switch (s.state) {
      case 'sending':
        return t('inquiry.form.sending');
      case 'queued':
        return html`<p class="notice" data-state="queued-${s.reason}">${s.reason === 'offline' ? t('inquiry.form.queuedOffline') : t('inquiry.form.queuedUnavailable', { time: formatDue(new Date(s.retryAt), this.session.locale, this.timeZone()) })}</p>`;
      case 'rejected':
        return html`<p class="notice" data-state="rejected">${t('inquiry.form.rejected', { message: s.message })}</p>`;
      case 'sent':
        return '';
    }
  }

  private renderErrors(): TemplateResult | typeof nothing {
    const mine = this.errors.filter((e) => stepOf(e.field) === this.step || this.step === 'review');
    if (!mine.length) return html`<div id="kq-errors" tabindex="-1" role="alert" class="kq-errors" hidden></div>`;
    const label = (field: string) => {
      const name = formField(field);
      return this.t(name ? `inquiry.form.field.${name}` : `inquiry.form.field.${field.split('.')[0]}`);
    };
    return html`<div id="kq-errors" tabindex="-1" role="alert" class="kq-errors">${this.t('inquiry.form.errors', { count: mine.length, fields: new Intl.ListFormat(this.session.locale, { type: 'conjunction' }).format(mine.map((e) => label(e.field))) })}</div>`;
  }

  protected override render() {
    const t = this.session.i18n.t;
    if (!this.ready) return html`<p class="hint" role="status">${t('inquiry.form.loading')}</p>`;
    if (this.solved)
      return html`<section class="kq-step" aria-labelledby="kq-step">
        <h3 id="kq-step" tabindex="-1">${t('inquiry.form.solvedTitle')}</h3>
        <p>${this.solved.title}</p>
        <p>${t('inquiry.form.solvedText')}</p>
        <button class="btn primary" part="button" data-action="done" @click=${() => this.dispatchEvent(new CustomEvent('kotae-back', { bubbles: true, composed: true }))}>${t('confirmation.back')}</button>
      </section>`;
    const index = STEPS.indexOf(this.step);
    const body = this.step === 'what' ? this.renderWhat() : this.step === 'solutions' ? this.renderSolutions() : this.step === 'details' ? this.renderDetails() : this.renderReview();
    return html`<form class="kq" novalidate @submit=${(e: Event) => e.preventDefault()} @paste=${(e: ClipboardEvent) => this.onPaste(e)}>
      <ol class="kq-steps">
        ${STEPS.map((s, i) => html`<li class=${i < index ? 'done' : i === index ? 'current' : ''} aria-current=${i === index ? 'step' : nothing}>${t(`inquiry.form.steps.${s}`)}</li>`)}
      </ol>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.drafts.persistent ? nothing : html`<p class="notice">${t('inquiry.form.notPersistent')}</p>`}
      <section class="kq-step" aria-labelledby="kq-step" data-step=${this.step}>
        <h3 id="kq-step" tabindex="-1"><span class="sr">${t('inquiry.form.stepOf', { n: index + 1, total: STEPS.length })}: </span>${t(`inquiry.form.steps.${this.step}`)}</h3>
        ${this.renderErrors()}
        ${body}
      </section>
      ${this.step !== 'review' || !this.sendState ? html`<button class="link kq-over" data-action="start-over" @click=${() => void this.startOver()}>${t('inquiry.form.startOver')}</button>` : nothing}
    </form>`;
  }
}

/** A MIME type as people know it: `image/png` → `PNG`, `text/plain` → `TXT`. */
function typeName(mime: string): string {
  const sub = mime.split('/')[1] ?? mime;
  return ({ plain: 'TXT', jpeg: 'JPEG', 'x-zip-compressed': 'ZIP', 'svg+xml': 'SVG' } as Record<string, string>)[sub] ?? sub.replace(/^(x-|vnd\.)/, '').toUpperCase();
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

customElements.get('kotae-inquiry-form') || customElements.define('kotae-inquiry-form', InquiryForm);
