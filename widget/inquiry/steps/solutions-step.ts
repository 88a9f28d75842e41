import { html, type TemplateResult } from 'lit';
import { backAndNext, type StepHost } from './step-host.ts';

/** Step 2, suggested answers: the knowledge base searched with the summary; "This solved it" ends the inquiry. */
export function solutionsStep(form: StepHost): TemplateResult {
  const t = form.t;
  return html`<p>${t('inquiry.form.solutionsIntro')}</p>
    ${
      form.solutions === undefined
        ? html`<p class="hint" role="status">${t('inquiry.form.searching')}</p>`
        : form.solutions.length
          ? html`<ul class="list kq-solutions">
            ${form.solutions.map(
              (r) => html`<li class="kq-solution" data-id=${r.entry}>
                <strong>${r.title}</strong>
                <span class="snippet">${r.snippet.map((s) => (s.highlight ? html`<mark>${s.text}</mark>` : s.text))}</span>
                <span class="row">
                  <a href=${form.session.data.url(r.url)} target="_blank" rel="noopener">${t('article.openInCenter')}<span class="sr"> ${t('inquiry.form.readArticle', { title: r.title })}</span></a>
                  <button class="btn" part="button" data-action="solved" @click=${() => void form.solvedBy(r)}>${t('inquiry.form.solved')}</button>
                </span>
              </li>`,
            )}
          </ul>`
          : html`<p class="hint" role="status">${t('inquiry.form.noSolutions')}</p>`
    }
    ${backAndNext(form, 'inquiry.form.continue')}`;
}
