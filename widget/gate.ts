import type { KotaeTrailStep } from './api.ts';

export type GateMode = 'search-first' | 'always' | 'never';

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
