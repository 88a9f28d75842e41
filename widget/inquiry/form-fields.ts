import type { TFunction } from 'i18next';
import type { InquiryFieldError } from '../../content/schema/inquiry.ts';
import { html, nothing, type TemplateResult } from 'lit';
import { FIELD_PATH, type FieldName, type FormValues } from './form-values.ts';

/** Fields answered by picking (a select or radio buttons): a missing answer reads "Choose one", not "Fill in". */
const CHOICES: ReadonlySet<FieldName | 'attachments'> = new Set([
  'product',
  'resource',
  'problem_type',
  'problem_subtype',
  'plan',
  'severity',
  'preferred_method',
  'language',
]);

/** What the field renderers read from the form and call back. */
export interface FieldsHost {
  readonly values: FormValues;
  readonly errors: InquiryFieldError[];
  readonly t: TFunction;
  isLocked(name: FieldName): boolean;
  set(name: FieldName, value: string): void;
}

/**
 * How one form field renders, accessibly: the label tied to the control (`kq-<name>`), the hint and the
 * error message tied by `aria-describedby`, `aria-invalid`, the message in the customer's language, and the
 * lock of an identified customer's fields.
 */
export class FormFields {
  constructor(private readonly host: FieldsHost) {}

  /** The first error of a field (or of anything under it, for `attachments`). */
  error(name: FieldName | 'attachments'): InquiryFieldError | undefined {
    const path = name === 'attachments' ? 'attachments' : FIELD_PATH[name];
    return this.host.errors.find((e) => e.field === path || e.field.startsWith(`${path}.`));
  }

  /** The message of a field error: ours for the schema's codes, else the intake's own (already translated). */
  errorText(e: InquiryFieldError & { message?: string }, choice = false): string {
    return this.host.t(`inquiry.form.error.${choice && e.code === 'required' ? 'required_choice' : e.code}`, {
      ...e.params,
      defaultValue: e.message ?? this.host.t('inquiry.form.error.invalid_format'),
    });
  }

  /** `aria-invalid` / `aria-describedby` and the message element of one field. */
  invalid(name: FieldName | 'attachments', hint?: string) {
    const e = this.error(name);
    const described = [hint, e ? `kq-err-${name}` : ''].filter(Boolean).join(' ');
    return {
      attrs: { invalid: e ? 'true' : undefined, described: described || undefined },
      message: e ? html`<p class="kq-error" id="kq-err-${name}">${this.errorText(e, CHOICES.has(name))}</p>` : nothing,
    };
  }

  /** The field's label, with "(optional)" when it is. */
  label(name: FieldName, optional = false): TemplateResult {
    return html`<label for="kq-${name}">${this.host.t(`inquiry.form.field.${name}`)}${optional ? html` <span class="kq-opt">${this.host.t('inquiry.form.optional')}</span>` : nothing}</label>`;
  }

  /** A labelled `<select>` with an empty first option, its error and lock. */
  select(name: FieldName, options: { id: string; name: string }[], empty: string, optional = false): TemplateResult {
    const { attrs, message } = this.invalid(name);
    return html`<div class="kq-field">
      ${this.label(name, optional)}
      <select id="kq-${name}" aria-invalid=${attrs.invalid ?? nothing} aria-describedby=${attrs.described ?? nothing} ?disabled=${this.host.isLocked(name)}
        @change=${(e: Event) => this.host.set(name, (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!this.host.values[name]}>${empty}</option>
        ${options.map((o) => html`<option value=${o.id} ?selected=${this.host.values[name] === o.id}>${o.name}</option>`)}
      </select>
      ${message}
    </div>`;
  }

  /** A labelled `<input>` (or `<textarea>` for `type: 'textarea'`), its hint, error and lock. */
  input(
    name: FieldName,
    type: string,
    options: { optional?: boolean; hint?: string; autocomplete?: string; max?: string; list?: string } = {},
  ): TemplateResult {
    const hintId = options.hint ? `kq-hint-${name}` : undefined;
    const { attrs, message } = this.invalid(name, hintId);
    const locked = this.host.isLocked(name);
    return html`<div class="kq-field">
      ${this.label(name, options.optional)}
      ${options.hint ? html`<p class="kq-hint" id=${hintId!}>${options.hint}</p>` : nothing}
      ${
        type === 'textarea'
          ? html`<textarea id="kq-${name}" rows="6" .value=${this.host.values[name]} aria-invalid=${attrs.invalid ?? nothing} aria-describedby=${attrs.described ?? nothing}
            @input=${(e: Event) => this.host.set(name, (e.target as HTMLTextAreaElement).value)}></textarea>`
          : html`<input id="kq-${name}" type=${type} .value=${this.host.values[name]} ?readonly=${locked} autocomplete=${options.autocomplete ?? nothing}
            max=${options.max ?? nothing} list=${options.list ?? nothing} aria-invalid=${attrs.invalid ?? nothing} aria-describedby=${attrs.described ?? nothing}
            @input=${(e: Event) => this.host.set(name, (e.target as HTMLInputElement).value)}>`
      }
      ${locked ? html`<p class="kq-hint">${this.host.t('inquiry.form.lockedIdentity')}</p>` : nothing}
      ${message}
    </div>`;
  }
}
