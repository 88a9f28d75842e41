import type { KotaeTrailStep } from './api.ts';

/**
 * The deflection trail: every search, opened article and vote, in order, handed to the inquiry so the
 * support team sees what the customer already tried. Typing a query refines one search step rather than
 * adding one per keystroke. The inquiry sends it in the intake's shape, the schema's `DeflectionTrail`
 * (`deflection()` of inquiry/form-values.ts, in the form's chunk: the schema module carries zod).
 */
export class DeflectionTrail {
  readonly steps: KotaeTrailStep[] = [];

  search(query: string, results: number, answered: boolean, top?: string): void {
    const step: KotaeTrailStep = { type: 'search', query, results, answered, at: Date.now() };
    if (top) step.top = top;
    const last = this.steps[this.steps.length - 1];
    if (last?.type === 'search' && (query.startsWith(last.query) || last.query.startsWith(query))) this.steps[this.steps.length - 1] = step;
    else this.steps.push(step);
  }

  article(id: string, title: string): void {
    this.steps.push({ type: 'article', id, title, at: Date.now() });
  }

  vote(id: string, helpful: boolean): void {
    this.steps.push({ type: 'vote', id, helpful, at: Date.now() });
  }
}
