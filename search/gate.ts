import { profileFor, type Profile } from './profile.ts';

/** What the gate reads from the top results. */
export interface MatchSignals {
  /** Share of the query's weight (idf) that the section matched, 0–1. */
  coverage: number;
  /** Score relative to the best score the query could reach, 0–1. */
  relevance: number;
  /** idf of the rarest query term the section lacks, relative to that of a term found nowhere, 0–1. */
  missing: number;
}

/** The "does anything answer" decision. */
export interface Answer {
  answered: boolean;
  /** Calibrated probability that the top result answers the query, 0–1. */
  confidence: number;
}

/**
 * The features of the gate: coverage, relative score and missing weight of the top result, and its lead
 * over the next result.
 */
export function gateFeatures(results: readonly { score: number; match: MatchSignals }[]): GateFeatures {
  const top = results[0];
  if (!top) return [0, 0, 1, 0];
  const second = results[1]?.score ?? 0;
  return [top.match.coverage, top.match.relevance, top.match.missing, top.score > 0 ? (top.score - second) / top.score : 0];
}

export type GateFeatures = [coverage: number, relevance: number, missing: number, margin: number];

/**
 * Decides from the results of {@link search} whether something answers the query; when not, the widget
 * offers the inquiry form. Uses the gate of `index`'s profile when given, else that of the results' language.
 *
 * @example
 * const results = await search(index, 'how do I split conversations');
 * if (!answers(results).answered) openInquiry();
 */
export function answers(results: readonly { score: number; match: MatchSignals; locale: string }[], index?: { profile: Profile }): Answer {
  const top = results[0];
  if (!top) return { answered: false, confidence: 0 };
  const { weights, bias, threshold } = (index?.profile ?? profileFor(top.locale)).gate;
  // Nothing the customer wrote was found (only look-alike n-grams matched): nothing answers.
  if (top.match.coverage === 0) return { answered: false, confidence: 0 };
  const x = gateFeatures(results);
  let z = bias;
  for (let k = 0; k < x.length; k++) z += weights[k]! * x[k]!;
  const confidence = 1 / (1 + Math.exp(-z));
  return { answered: confidence >= threshold, confidence };
}
