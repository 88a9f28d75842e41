import type { TFunction } from 'i18next';
import { html, nothing, type TemplateResult } from 'lit';
import type { PublicSiteConfig } from '../../content/schema/config.ts';
import { plansFor, severitiesFor } from '../../content/support-promise.ts';
import type { InquiryFieldError } from '../../content/schema/inquiry.ts';
import type { SearchResult } from '../../search/index.ts';
import type { KotaeEvents } from '../api.ts';
import type { WidgetSession } from '../session.ts';
// The panel shows it after a submission, which only happens with this chunk loaded (see KotaePanel.confirm).
import '../views/confirmation-view.ts';
import type { Submission } from '../views/confirmation-view.ts';
import { LightElement } from '../views/light-element.ts';
import { fileProblem, formatBytes } from './attachment-check.ts';
import { DraftController } from './draft-controller.ts';
import type { DraftAttachment } from './draft-store.ts';
import { FormFields } from './form-fields.ts';
import { diagnosticItems, FIELD_PATH, initialValues, inquiryBody, type FieldName, type FormValues } from './form-values.ts';
import { identityClaims, type IdentityClaims } from './identity-claims.ts';
import { INQUIRY_CSS } from './inquiry-css.ts';
import { OutboxController } from './outbox-controller.ts';
import type { SendState } from './outbox.ts';
import { detailsStep } from './steps/details-step.ts';
import { reviewStep } from './steps/review-step.ts';
import { solutionsStep } from './steps/solutions-step.ts';
import type { StepHost } from './steps/step-host.ts';
import { whatStep } from './steps/what-step.ts';
import { UploadController, type UploadState } from './upload-controller.ts';
import type { UploadError } from './upload.ts';
import { entryInQuestion, valuesFromEntry, votedDown } from './tried-entries.ts';
import { formField, STEPS, stepOf, validateInquiry, type StepId } from './validation.ts';

/** `kotae-failed`'s detail: the intake refused the inquiry (the `inquiry:error` payload, every part present). */
export type FailedDetail = Required<Pick<KotaeEvents['inquiry:error'], 'message' | 'status' | 'fields'>>;

const sheets = new WeakSet<ShadowRoot>();
let sheet: CSSStyleSheet | undefined;

/**
 * The structured inquiry (issue 7), in four steps: what (product → resource → problem type and subtype →
 * summary), suggested answers from the knowledge base, details (description, start, plan and severity with
 * the reply-by promise, attachments, diagnostics, contact), review and send. Validation uses the intake's
 * own schema. Dispatches `kotae-submitted` (a {@link Submission}) or `kotae-failed` ({@link FailedDetail}).
 *
 * The element keeps the form's state and moves between the steps; each step renders in its own view
 * (`steps/`), and three controllers do the rest: the draft, autosaved to the site's IndexedDB
 * (`draft-controller.ts`); uploads with progress while the customer is still typing (`upload-controller.ts`);
 * the send through the page's outbox with the draft's key as `Idempotency-Key`, so it survives going
 * offline and reloads and is stored exactly once (`outbox-controller.ts`).
 */
export class InquiryForm extends LightElement implements StepHost {
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

  config!: PublicSiteConfig;
  intakeUrl = '';
  readonly fields = new FormFields(this);
  private claims: IdentityClaims = {};
  /** What the entry the inquiry follows from implies (product, problem type…), for a host that did not say. */
  private fromEntry: ReturnType<typeof valuesFromEntry> = {};
  private reported = '';
  private searchSeq = 0;
  private unwatch: (() => void) | undefined;
  private readonly drafts = new DraftController(this);
  private readonly uploads = new UploadController(this);
  private readonly outbox = new OutboxController(this, (s) => this.onSendState(s));

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
    // A new locale or context re-renders the steps (the panel passes the same session object on).
    this.unwatch = this.session.subscribe(() => this.requestUpdate());
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch?.();
    this.unwatch = undefined;
  }

  /** The session's translator (also for the field renderers and step views). */
  get t(): TFunction {
    return this.session.i18n.t;
  }

  /** The locale of the intake's messages (for the upload controller). */
  get locale(): string {
    return this.session.locale;
  }

  /** The draft's files. */
  get attachments(): readonly DraftAttachment[] {
    return this.drafts.draft?.attachments ?? [];
  }

  /** The diagnostics the customer removed from this inquiry. */
  get removedDiagnostics(): readonly string[] {
    return this.drafts.draft.removedDiagnostics;
  }

  /** Whether the draft is sent or solved: then it is gone for good and never saved again. */
  get draftFinished(): boolean {
    return !!this.solved || this.sendState?.state === 'sent' || !!this.outbox.receipt(this.drafts.draft.key);
  }

  /** Files upload on their own until the customer sends; then the outbox does it. */
  get uploadsWelcome(): boolean {
    return !!this.drafts.draft && !this.sendState;
  }

  /** Loads the draft (or starts one from the context, prefill and identity) and the diagnostics. */
  private async start(): Promise<void> {
    const session = this.session;
    this.config = session.site!;
    this.claims = identityClaims(session.identity);
    const scope = session.data.base;
    this.intakeUrl = new URL(this.config.intake.url, scope).href;
    this.fromEntry = await this.entryValues();
    const initial = this.initialValues();
    const stored = await this.drafts.open(scope);
    if (stored && !this.outbox.receipt(stored.key)) {
      this.drafts.use(stored);
      const saved = Object.fromEntries(Object.entries(stored.values).filter(([k, v]) => k in initial && typeof v === 'string')) as Partial<FormValues>;
      this.values = this.applicable({ ...initial, ...saved, ...this.lockedValues(initial) });
      this.step = (STEPS as readonly string[]).includes(stored.step) ? (stored.step as StepId) : 'what';
      this.notice = this.t('inquiry.form.restored');
      this.uploads.restore(stored.attachments);
    } else {
      this.drafts.use();
      this.values = initial;
    }
    this.outbox.open(this.intakeUrl, scope);
    // A restored draft may be waiting in the outbox (or refused): show that state.
    const state = this.outbox.state(this.drafts.draft.key);
    await this.refreshDiagnostics();
    this.ready = true;
    if (state) this.onSendState(state);
    if (this.step === 'solutions') void this.findSolutions();
    this.uploads.retry();
  }

  /** The fields the entry last voted "No" (else last read) implies; nothing when it cannot be loaded. */
  private async entryValues(): Promise<ReturnType<typeof valuesFromEntry>> {
    const id = entryInQuestion(this.session.trail.steps);
    try {
      return id ? valuesFromEntry(this.config, await this.session.data.payload(this.session.locale, id)) : {};
    } catch {
      return {};
    }
  }

  private initialValues(): FormValues {
    const session = this.session;
    return initialValues({
      entry: this.fromEntry,
      config: this.config,
      locale: session.locale,
      context: session.context,
      prefill: session.prefill,
      claims: this.claims,
      trail: session.trail.steps,
    });
  }

  /**
   * `values` without a plan this customer may not choose (a draft saved while the host identified another
   * plan, or none) and without a severity that plan does not have.
   */
  private applicable(values: FormValues): FormValues {
    const out = { ...values };
    if (out.plan && !this.plans.some((p) => p.id === out.plan)) out.plan = '';
    if (out.severity && !this.severitiesFor(out.plan).some((s) => s.id === out.severity)) out.severity = '';
    return out;
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
    return (
      !!this.session.identity && (name === 'name' || name === 'email' || (name === 'plan' && !!this.claims.plan)) && !!this.lockedValues(this.values)[name]
    );
  }

  /** Runs the host's diagnostics provider again (the view was shown anew). */
  async refreshDiagnostics(): Promise<void> {
    this.diagnostics = diagnosticItems(await this.session.collectDiagnostics());
  }

  // ---- the values ----

  /** Changes one value (and the values that depended on it), clears its error and autosaves. */
  set(name: FieldName, value: string): void {
    const values = { ...this.values, [name]: value };
    // A new product or problem type invalidates the choices that depended on it.
    if (name === 'product') values.resource = values.problem_type = values.problem_subtype = '';
    if (name === 'problem_type') values.problem_subtype = '';
    if (name === 'plan' && !this.severitiesFor(value).some((s) => s.id === values.severity)) values.severity = '';
    this.values = values;
    if (this.errors.some((e) => e.field === FIELD_PATH[name])) this.errors = this.errors.filter((e) => e.field !== FIELD_PATH[name]);
    this.drafts.save();
  }

  private async startOver(): Promise<void> {
    this.uploads.clear();
    await this.drafts.discard();
    this.drafts.use();
    this.values = this.initialValues();
    this.errors = [];
    this.notice = '';
    this.sendState = undefined;
    await this.go('what');
  }

  // ---- steps ----

  async go(step: StepId): Promise<void> {
    this.step = step;
    this.drafts.save();
    if (step === 'solutions') void this.findSolutions();
    await this.updateComplete;
    this.querySelector<HTMLElement>('#kq-step')?.focus();
  }

  private body(attachments = this.drafts.draft.attachments.flatMap((a) => (a.token ? [a.token] : []))) {
    return inquiryBody(this.values, {
      locale: this.session.locale,
      trail: this.session.trail.steps,
      diagnostics: this.diagnostics.filter((d) => !this.removedDiagnostics.includes(d.name)),
      attachments,
      identity: this.session.identity,
      pageUrl: location.href,
    });
  }

  /** Checks the fields of `step` (all fields for the review); shows the errors and focuses the first. */
  private async check(step?: StepId): Promise<boolean> {
    this.errors = validateInquiry(this.config, this.body([]), step, this.planClaim);
    if (!this.errors.length) return true;
    await this.showErrors();
    return false;
  }

  private async showErrors(): Promise<void> {
    const first = this.errors[0]!;
    const step = stepOf(first.field);
    if (step !== this.step && step !== 'review') {
      this.step = step;
      this.drafts.save();
    }
    await this.updateComplete;
    this.fieldElement(first.field)?.focus();
  }

  private fieldElement(field: string): HTMLElement | null {
    const name = formField(field);
    if (name === 'severity')
      return this.querySelector<HTMLElement>('input[name=kq-severity]:checked') ?? this.querySelector<HTMLElement>('input[name=kq-severity]');
    if (name === 'preferred_method')
      return this.querySelector<HTMLElement>('input[name=kq-method]:checked') ?? this.querySelector<HTMLElement>('input[name=kq-method]');
    if (name) return this.querySelector<HTMLElement>(`#kq-${name}`);
    if (field.startsWith('attachments')) return this.querySelector<HTMLElement>('#kq-files');
    return this.querySelector<HTMLElement>('#kq-errors');
  }

  async next(): Promise<void> {
    if (this.step === 'what') {
      if (await this.check('what')) await this.go('solutions');
    } else if (this.step === 'solutions') await this.go('details');
    else if (this.step === 'details') {
      if (await this.check('details')) await this.go('review');
    }
  }

  async previous(): Promise<void> {
    const i = STEPS.indexOf(this.step);
    if (i > 0) await this.go(STEPS[i - 1]!);
  }

  // ---- suggested answers ----

  private solutionsQuery(): string {
    const product = this.config.products.find((p) => p.id === this.values.product);
    const type = product?.problemTypes.find((p) => p.id === this.values.problem_type);
    const subtype = type?.subtypes.find((s) => s.id === this.values.problem_subtype);
    return [this.values.summary, product && this.session.text(product.name), type && this.session.text(type.name), subtype && this.session.text(subtype.name)]
      .filter(Boolean)
      .join(' ');
  }

  private async findSolutions(): Promise<void> {
    const seq = ++this.searchSeq;
    this.solutions = undefined;
    try {
      const { results } = await this.session.search(this.solutionsQuery(), false);
      // What the customer already said did not help is no answer to suggest.
      const failed = votedDown(this.session.trail.steps);
      if (seq === this.searchSeq) this.solutions = results.filter((r) => !failed.has(r.entry)).slice(0, 3);
    } catch {
      if (seq === this.searchSeq) this.solutions = [];
    }
  }

  /** "This solved it": a deflection. Recorded as a helpful vote and `inquiry:deflect`; nothing is sent. */
  async solvedBy(result: SearchResult): Promise<void> {
    this.drafts.cancel();
    this.uploads.abortAll();
    this.solved = { id: result.entry, title: result.title };
    this.session.vote(result.entry, true, true);
    this.session.events.emit('inquiry:deflect', { id: result.entry, title: result.title, query: this.values.summary });
    await this.drafts.discard();
    await this.updateComplete;
    this.querySelector<HTMLElement>('#kq-step')?.focus();
  }

  // ---- attachments and diagnostics ----

  addFiles(files: readonly File[]): void {
    const limits = this.config.attachments;
    const draft = this.drafts.draft;
    const problems: string[] = [];
    for (const file of files) {
      const problem = fileProblem(limits, file, draft.attachments.length);
      if (problem) {
        problems.push(this.t(`inquiry.form.${problem}`, { name: file.name, size: formatBytes(limits.maxBytes, this.session.locale), count: limits.maxFiles }));
        continue;
      }
      const attachment: DraftAttachment = { id: crypto.randomUUID(), name: file.name || 'file', type: file.type, size: file.size, blob: file };
      draft.attachments = [...draft.attachments, attachment];
      this.uploads.start(attachment);
    }
    this.notice = problems.join(' ');
    this.errors = this.errors.filter((e) => !e.field.startsWith('attachments'));
    this.drafts.save();
    this.requestUpdate();
  }

  removeFile(attachment: DraftAttachment): void {
    this.uploads.remove(attachment);
    const draft = this.drafts.draft;
    draft.attachments = draft.attachments.filter((a) => a.id !== attachment.id);
    this.drafts.save();
    this.requestUpdate();
  }

  uploadState(attachment: DraftAttachment): UploadState {
    return this.uploads.state(attachment);
  }

  /** A file's upload finished (its token is on the attachment). */
  uploaded(): void {
    this.drafts.save();
  }

  /** The intake refused a file (type, size): it cannot go with the inquiry. */
  refused(attachment: DraftAttachment, error: UploadError): void {
    this.removeFile(attachment);
    this.notice = `${attachment.name}: ${error.message}`;
    this.session.events.emit('inquiry:error', { message: error.message, status: error.status, code: error.code });
  }

  private onPaste(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length || this.step !== 'details') return;
    event.preventDefault();
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    // Pasted screenshots are all called image.png; give them names support can tell apart.
    this.addFiles(
      files.map((f, i) =>
        f.name && f.name !== 'image.png' ? f : new File([f], `screenshot-${stamp}${i ? `-${i + 1}` : ''}.${f.type.split('/')[1] ?? 'png'}`, { type: f.type }),
      ),
    );
  }

  toggleDiagnostic(name: string): void {
    const draft = this.drafts.draft;
    const removed = draft.removedDiagnostics;
    draft.removedDiagnostics = removed.includes(name) ? removed.filter((n) => n !== name) : [...removed, name];
    this.drafts.save();
    this.requestUpdate();
  }

  // ---- sending ----

  async send(): Promise<void> {
    if (!(await this.check())) return;
    this.reported = '';
    // The outbox uploads whatever has no token yet; an upload of ours still under way would be a second copy.
    this.uploads.handOver();
    await this.drafts.flush();
    const draft = this.drafts.draft;
    this.sendState = { state: 'sending', key: draft.key };
    try {
      await this.outbox.send(draft.key, this.body(), draft.attachments, this.session.locale);
    } catch (error) {
      this.sendState = undefined;
      this.notice = String((error as Error)?.message ?? error);
      this.session.events.emit('inquiry:error', { message: this.notice });
    }
  }

  private onSendState(s: SendState): void {
    if (!this.drafts.draft || s.key !== this.drafts.draft.key) return;
    this.sendState = s;
    if (this.reported === `${s.state}`) return;
    if (s.state === 'sent') {
      this.reported = 'sent';
      const detail: Submission = {
        id: s.receipt.number,
        inquiryId: s.receipt.id,
        replyBy: s.receipt.first_response_due,
        statusUrl: s.receipt.status_url,
        timeZone: this.timeZone(),
      };
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

  severitiesFor(plan: string): PublicSiteConfig['severities'] {
    return severitiesFor(this.config, plan);
  }

  get plans(): PublicSiteConfig['plans'] {
    return plansFor(this.config, this.claims.plan);
  }

  get planClaim(): string | undefined {
    return this.session.identity ? this.claims.plan : undefined;
  }

  timeZone(): string {
    try {
      new Intl.DateTimeFormat('en', { timeZone: this.values.time_zone });
      return this.values.time_zone;
    } catch {
      return this.config.businessHours.timeZone;
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
    const view = { what: whatStep, solutions: solutionsStep, details: detailsStep, review: reviewStep }[this.step];
    return html`<form class="kq" novalidate @submit=${(e: Event) => e.preventDefault()} @paste=${(e: ClipboardEvent) => this.onPaste(e)}>
      <ol class="kq-steps">
        ${STEPS.map((s, i) => html`<li class=${i < index ? 'done' : i === index ? 'current' : ''} aria-current=${i === index ? 'step' : nothing}>${t(`inquiry.form.steps.${s}`)}</li>`)}
      </ol>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.drafts.store.persistent ? nothing : html`<p class="notice">${t('inquiry.form.notPersistent')}</p>`}
      <section class="kq-step" aria-labelledby="kq-step" data-step=${this.step}>
        <h3 id="kq-step" tabindex="-1"><span class="sr">${t('inquiry.form.stepOf', { n: index + 1, total: STEPS.length })}: </span>${t(`inquiry.form.steps.${this.step}`)}</h3>
        ${this.renderErrors()}
        ${view(this)}
      </section>
      ${this.step !== 'review' || !this.sendState ? html`<button class="link kq-over" data-action="start-over" @click=${() => void this.startOver()}>${t('inquiry.form.startOver')}</button>` : nothing}
    </form>`;
  }
}

customElements.get('kotae-inquiry-form') || customElements.define('kotae-inquiry-form', InquiryForm);
