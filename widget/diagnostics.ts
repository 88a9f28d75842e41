import type { KotaeDiagnosticsProvider } from './api.ts';

/**
 * Runs the host's diagnostics provider (for the inquiry); resolves to its result, or to an `error` field
 * when it throws or takes longer than 3 s, so a broken provider never blocks the customer.
 */
export async function collectDiagnostics(provider: KotaeDiagnosticsProvider | undefined): Promise<unknown> {
  if (!provider) return undefined;
  try {
    return await Promise.race([Promise.resolve().then(provider), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 3 s')), 3000))]);
  } catch (error) {
    return { error: String((error as Error)?.message ?? error) };
  }
}
