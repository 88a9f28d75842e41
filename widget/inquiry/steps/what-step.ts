import { html, nothing, type TemplateResult } from 'lit';
import type { WidgetSession } from '../../session.ts';
import type { StepHost } from './step-host.ts';

/** Step 1, what the problem is: product, resource, problem type and subtype, a summary. */
export function whatStep(form: StepHost): TemplateResult {
  const text = (v: Parameters<WidgetSession['text']>[0]) => form.session.text(v);
  const product = form.config.products.find((p) => p.id === form.values.product);
  const type = product?.problemTypes.find((p) => p.id === form.values.problem_type);
  const choose = form.t('inquiry.form.choose');
  return html`
    ${form.fields.select(
      'product',
      form.config.products.map((p) => ({ id: p.id, name: text(p.name) })),
      choose,
    )}
    ${
      product?.resources.length
        ? form.fields.select(
            'resource',
            product.resources.map((r) => ({ id: r.id, name: text(r.name) })),
            form.t('inquiry.form.field.resourceAny'),
            true,
          )
        : nothing
    }
    ${form.fields.select(
      'problem_type',
      (product?.problemTypes ?? []).map((p) => ({ id: p.id, name: text(p.name) })),
      choose,
    )}
    ${
      type?.subtypes.length
        ? form.fields.select(
            'problem_subtype',
            type.subtypes.map((s) => ({ id: s.id, name: text(s.name) })),
            form.t('inquiry.form.field.subtypeAny'),
            true,
          )
        : nothing
    }
    ${form.fields.input('summary', 'text', { hint: form.t('inquiry.form.field.summaryHint') })}
    <div class="row kq-nav"><button class="btn primary" part="button" data-action="next" @click=${() => void form.next()}>${form.t('inquiry.form.next')}</button></div>`;
}
