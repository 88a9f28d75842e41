import type { PublicSiteConfig } from '../../content/schema/config.ts';
import type { EntryPayload } from '../../content/schema/index.ts';
import type { KotaeTrailStep } from '../api.ts';

/** What an entry says about the problem it answers. */
export type EntryTopic = Pick<EntryPayload, 'product' | 'resources' | 'category' | 'tags'>;

/**
 * The entries the customer said did not help in this session (their latest vote is "No"): suggesting one
 * of them again as an answer would repeat what already failed.
 */
export function votedDown(steps: readonly KotaeTrailStep[]): Set<string> {
  const down = new Set<string>();
  for (const step of steps) if (step.type === 'vote') step.helpful ? down.delete(step.id) : down.add(step.id);
  return down;
}

/** The entry an inquiry most likely follows from: the last one voted "No", else the last one read. */
export function entryInQuestion(steps: readonly KotaeTrailStep[]): string | undefined {
  const down = votedDown(steps);
  let read: string | undefined;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    if (step.type === 'vote' && down.has(step.id)) return step.id;
    if (step.type === 'article') read ??= step.id;
  }
  return read;
}

const key = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The inquiry fields an entry implies: its product; the resource when it is about one only; the problem type
 * of that product whose id its category or one of its tags names (`wifi` for a `Wi-Fi` tag), when exactly
 * one does — a guess that could go two ways is left to the customer.
 */
export function valuesFromEntry(config: PublicSiteConfig, entry: EntryTopic): { product?: string; resource?: string; problem_type?: string } {
  const product = config.products.find((p) => p.id === entry.product);
  if (!product) return {};
  const resource = entry.resources.length === 1 ? product.resources.find((r) => r.id === entry.resources[0]) : undefined;
  const named = new Set([entry.category, ...entry.tags].map(key));
  const types = product.problemTypes.filter((t) => named.has(key(t.id)));
  return {
    product: product.id,
    ...(resource ? { resource: resource.id } : {}),
    ...(types.length === 1 ? { problem_type: types[0]!.id } : {}),
  };
}
