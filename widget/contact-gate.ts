import type { GateMode } from '../content/schema/config.ts';
import type { KotaeState, KotaeTrailStep } from './api.ts';

export type { GateMode };

// `api.ts` ships as it is (`kotae.d.ts`), so it cannot import the schema and spells the modes out; this
// fails to compile when the two lists differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type GateModesMatch = Assert<Same<KotaeState['gate'], GateMode>>;

/**
 * Whether the widget offers contact now. `always`: yes; `never`: no (knowledge base only); `search-first`
 * (the default): only after a search the engine judged unanswered, or after the customer said an article
 * did not help.
 */
export function contactVisible(mode: GateMode, trail: readonly KotaeTrailStep[]): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return trail.some((step) => (step.type === 'search' && !step.answered) || (step.type === 'vote' && !step.helpful));
}
