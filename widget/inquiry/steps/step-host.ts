import type { TFunction } from 'i18next';
import { html, type TemplateResult } from 'lit';
import type { PublicSiteConfig } from '../../../content/schema/config.ts';
import type { SearchResult } from '../../../search/index.ts';
import type { WidgetSession } from '../../session.ts';
import type { DraftAttachment } from '../draft-store.ts';
import type { FormFields } from '../form-fields.ts';
import type { FieldName, FormValues } from '../form-values.ts';
import type { SendState } from '../outbox.ts';
import type { UploadState } from '../upload-controller.ts';
import type { StepId } from '../validation.ts';

/**
 * What a step view reads from the inquiry form and calls back: the form keeps the state (values, errors,
 * the draft, the send) and the behaviour; a step view only renders its step. See inquiry-form.ts.
 */
export interface StepHost {
  readonly session: WidgetSession;
  readonly config: PublicSiteConfig;
  readonly t: TFunction;
  readonly values: FormValues;
  readonly fields: FormFields;
  /** Suggested answers for the solutions step; `undefined` while searching. */
  readonly solutions: SearchResult[] | undefined;
  /** The host's diagnostics items, and the names the customer removed. */
  readonly diagnostics: { name: string; value: string }[];
  readonly removedDiagnostics: readonly string[];
  readonly attachments: readonly DraftAttachment[];
  readonly sendState: SendState | undefined;
  set(name: FieldName, value: string): void;
  next(): Promise<void>;
  previous(): Promise<void>;
  go(step: StepId): Promise<void>;
  solvedBy(result: SearchResult): Promise<void>;
  addFiles(files: readonly File[]): void;
  removeFile(attachment: DraftAttachment): void;
  uploadState(attachment: DraftAttachment): UploadState;
  toggleDiagnostic(name: string): void;
  send(): Promise<void>;
  /** The customer's time zone if valid, else the business hours' zone. */
  timeZone(): string;
  /** The plans this customer may choose: the plan their identity claims, else the plans open to all. */
  readonly plans: PublicSiteConfig['plans'];
  /** The plan the host's identity token claims (unverified: the intake checks the signature). */
  readonly planClaim: string | undefined;
  /** Whether a field shows a value from the customer's identity and cannot be changed. */
  isLocked(name: FieldName): boolean;
  /** The severities the plan has a first-response target for. */
  severitiesFor(plan: string): PublicSiteConfig['severities'];
}

/** "Back" and the step's "next" button (the review step has "Send" instead). */
export function backAndNext(form: StepHost, nextKey: string): TemplateResult {
  const t = form.t;
  return html`<div class="row kq-nav">
    <button class="btn" part="button" data-action="previous" @click=${() => void form.previous()}>${t('inquiry.form.previous')}</button>
    <button class="btn primary" part="button" data-action="next" @click=${() => void form.next()}>${t(nextKey)}</button>
  </div>`;
}
