import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * `i18n/glossary.<locale>.json`: the terminology translators into `<locale>` must follow. A required term
 * says how a source term is translated (any of `target`); a forbidden term must not appear in text of the
 * locale, with the word to use instead. Aliases are exempt from forbidden terms: they keep customers' words.
 */
export const Glossary = z
  .object({
    $comment: z.string().optional(),
    terms: z
      .array(
        z
          .object({
            source: z.string().min(1),
            target: z.array(z.string().min(1)).min(1),
            note: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
    forbidden: z
      .array(
        z
          .object({
            term: z.string().min(1),
            use: z.string().min(1),
            note: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type Glossary = z.infer<typeof Glossary>;

/** A glossary that cannot be used, with its file and what is wrong. */
export class GlossaryError extends Error {}

/** Reads the glossary of `locale` from `i18nDir`, or returns an empty one when there is none. */
export function loadGlossary(i18nDir: string, locale: string): { file: string; glossary: Glossary } {
  const file = path.join(i18nDir, `glossary.${locale}.json`);
  if (!existsSync(file)) return { file, glossary: { terms: [], forbidden: [] } };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GlossaryError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = Glossary.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GlossaryError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return { file, glossary: parsed.data };
}

/**
 * Where `term` occurs in `text`: case-insensitively, and for terms in a script with spaces only as whole
 * words, a space and a hyphen alike, plural -s allowed (so "sign in" finds "sign-in" and "app" does not match "apply").
 */
export function findTerm(text: string, term: string): number {
  const latin = /^[\p{Script=Latin}\p{N}\s'’-]+$/u.test(term);
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, latin ? '[\\s-]+' : '\\s+');
  // Latin terms match as whole words, with a plural s or es ("workspace" finds "workspaces").
  const re = new RegExp(latin ? `(?<![\\p{L}\\p{N}])${escaped}(?:e?s)?(?![\\p{L}\\p{N}])` : escaped, 'iu');
  return re.exec(text)?.index ?? -1;
}
