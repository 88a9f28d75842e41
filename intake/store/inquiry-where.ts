import type { InquiryFilter } from './inquiry-query.ts';

/**
 * The WHERE clause of an {@link InquiryFilter}, written once for both stores so a filter means the same on
 * SQLite and PostgreSQL. The inquiries table is aliased `i`. Values are always parameters, never spliced in.
 *
 * Free text is folded the same way on both sides — Unicode NFKC, then lower case — so `ＮＣ-３２０` finds
 * `NC-320`, `ｶﾒﾗ` finds `カメラ` and `wi-fi` finds `Wi-Fi`; it is a substring match (`instr` /
 * `position`), so Japanese needs no word breaks and `%` or `_` in the text are plain characters. SQLite gets
 * the fold as the function `kotae_fold` (registered in sqlite.ts); PostgreSQL uses `lower(normalize(…, NFKC))`.
 * A text that looks like a ticket number (`KT-000042`, `000042`, `42`) also matches the inquiry with that number.
 */
export type SqlDialect = 'sqlite' | 'postgres';

/** What the customer wrote that text search looks through, besides the number. */
const SEARCHED = {
  sqlite: `concat_ws(char(10), json_extract(i.data, '$.summary'), json_extract(i.data, '$.description'),
    json_extract(i.data, '$.contact.name'), json_extract(i.data, '$.contact.email'),
    (SELECT group_concat(json_extract(q.value, '$.query'), char(10)) FROM json_each(i.data, '$.deflection.queries') q))`,
  postgres: `concat_ws(E'\\n', i.data->>'summary', i.data->>'description', i.data->'contact'->>'name', i.data->'contact'->>'email',
    (SELECT string_agg(q->>'query', E'\\n') FROM jsonb_array_elements(CASE jsonb_typeof(i.data->'deflection'->'queries')
      WHEN 'array' THEN i.data->'deflection'->'queries' ELSE '[]'::jsonb END) q))`,
};

/** The fold applied to the text searched for (the database applies the same to what it searches). */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** `KT-000042`, `000042` or `42` → 42; anything else → undefined. */
export function numberInText(text: string): number | undefined {
  const m = /^(?:[A-Za-z][A-Za-z0-9]{0,7}-)?0*(\d{1,15})$/.exec(foldText(text).trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * `{ sql, params }` for `WHERE ${sql}`; `sql` is `TRUE` (`1` on SQLite) for an empty filter. `firstParam` is
 * the number of the first PostgreSQL placeholder (`$1`…); SQLite uses `?` in order.
 */
export function inquiryWhere(filter: InquiryFilter, dialect: SqlDialect, firstParam = 1): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return dialect === 'sqlite' ? '?' : `$${firstParam + params.length - 1}`;
  };
  const json = (key: string) => (dialect === 'sqlite' ? `json_extract(i.data, '$.${key}')` : `(i.data->>'${key}')`);
  const parts: string[] = [];

  if (filter.states) {
    // An empty list narrows to nothing, like every other field that is given.
    parts.push(
      dialect === 'sqlite' ? `i.state IN (SELECT value FROM json_each(${p(JSON.stringify(filter.states))}))` : `i.state = ANY(${p(filter.states)}::text[])`,
    );
  }
  if (filter.product !== undefined) parts.push(`i.product = ${p(filter.product)}`);
  if (filter.problemType !== undefined) parts.push(`${json('problem_type')} = ${p(filter.problemType)}`);
  if (filter.severity !== undefined) parts.push(`i.severity = ${p(filter.severity)}`);
  if (filter.plan !== undefined) parts.push(`i.plan = ${p(filter.plan)}`);
  if (filter.receivedFrom !== undefined) parts.push(`i.received_at >= ${p(filter.receivedFrom)}`);
  if (filter.receivedTo !== undefined) parts.push(`i.received_at < ${p(filter.receivedTo)}`);
  const text = filter.text?.trim();
  if (text) {
    // Placeholders are taken in the order they appear in the text (SQLite's `?` are positional).
    const seq = numberInText(text);
    const bySeq = seq === undefined ? '' : `i.seq = ${p(seq)} OR `;
    const needle = p(foldText(text));
    const found =
      dialect === 'sqlite' ? `instr(kotae_fold(${SEARCHED.sqlite}), ${needle}) > 0` : `position(${needle} in lower(normalize(${SEARCHED.postgres}, NFKC))) > 0`;
    parts.push(`(${bySeq}${found})`);
  }
  if (filter.undelivered) parts.push(`EXISTS (SELECT 1 FROM outbox o WHERE o.inquiry_id = i.id AND o.status <> 'delivered')`);
  return { sql: parts.length ? parts.join(' AND ') : dialect === 'sqlite' ? '1' : 'TRUE', params };
}

/** The most inquiries one page holds; larger requests get this many. */
export const MAX_PAGE = 1_000;

/** A page size within [1, MAX_PAGE]. */
export function pageLimit(limit: number): number {
  return Math.min(MAX_PAGE, Math.max(1, Math.floor(Number.isFinite(limit) ? limit : MAX_PAGE)));
}
