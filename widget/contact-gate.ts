import type { ContactVisibility } from '../content/schema/config.ts';
import type { KotaeState, KotaeTrailStep } from './api.ts';

export type { ContactVisibility };

// `api.ts` ships as it is (`kotae.d.ts`), so it cannot import the schema and spells the modes out; this
// fails to compile when the two lists differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type GateModesMatch = Assert<Same<KotaeState['gate'], ContactVisibility>>;

/**
 * Whether contact is offered now, by the site's `contact.visible` and what the customer did (the trail).
 * `always`: yes; `never`: no (knowledge base only); `after-search`: after any search; `when-unanswered`
 * (the default): after a search the engine judged unanswered. In every mode but `never` it is offered
 * after "No" on an entry and after a query asking for a person (`asksForPerson`); `where: 'article'` is
 * "Still need help?" under an entry, which offers contact once the customer has searched at all: having
 * searched and opened an entry, they have tried.
 */
export function contactVisible(
  mode: ContactVisibility,
  trail: readonly KotaeTrailStep[],
  asksForPerson: (query: string) => boolean,
  where: 'search' | 'article' = 'search',
): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  const anySearch = mode === 'after-search' || where === 'article';
  return trail.some(
    (step) => (step.type === 'search' && (anySearch || !step.answered || asksForPerson(step.query))) || (step.type === 'vote' && !step.helpful),
  );
}
