import type { z } from 'zod';

/** A schema issue rewritten for a writer: what is wrong with which key, and what to do. */
export interface HumanIssue {
  path: (string | number)[];
  message: string;
  fix: string;
}

const describe = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
};

/** Keys that moved, with what to write instead: a site config written for an earlier Kotae says how to update. */
const MOVED: Record<string, string> = {
  'widget.gate': 'it moved: write `contact: { visible: … }` at the top level (`search-first` is now `when-unanswered`)',
};

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/**
 * Turns zod issues into messages a writer can act on (in the spirit of Starlight's error map):
 * which key, what was expected, what was found.
 *
 * @example humanizeIssues(EntryFrontmatter.safeParse(data, { reportInput: true }).error!.issues)
 */
export function humanizeIssues(issues: readonly z.core.$ZodIssue[], known?: readonly string[]): HumanIssue[] {
  const out: HumanIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const key = path.length ? `\`${path.join('.')}\`` : 'the frontmatter';
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case 'invalid_type':
        if (input === undefined) {
          out.push({ path, message: `missing required field ${key}`, fix: `add \`${path.at(-1)}: …\` (${EXPECTED[issue.expected] ?? issue.expected})` });
        } else {
          out.push({
            path,
            message: `${key} must be ${EXPECTED[issue.expected] ?? issue.expected}, found ${describe(input)}`,
            fix:
              issue.expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')
                ? `put the value in quotes: "${String(input)}"`
                : `write ${key} as ${EXPECTED[issue.expected] ?? issue.expected}`,
          });
        }
        break;
      case 'unrecognized_keys':
        for (const name of issue.keys) {
          const suggestion = known ? closest(name, known) : undefined;
          const moved = MOVED[[...path, name].join('.')];
          out.push({
            path: [...path, name],
            message: `unknown field \`${[...path, name].join('.')}\``,
            fix: moved ?? (suggestion ? `did you mean \`${suggestion}\`? Otherwise remove it` : 'remove it or check its spelling'),
          });
        }
        break;
      case 'invalid_value':
        out.push({
          path,
          message: `${key} is ${describe(input)}, which is not allowed`,
          fix: `use one of: ${issue.values.map(String).join(', ')}`,
        });
        break;
      case 'too_big':
        out.push({
          path,
          message:
            issue.origin === 'string'
              ? `${key} is too long (${String(input).length} characters, at most ${issue.maximum})`
              : `${key} is too large (at most ${issue.maximum})`,
          fix: issue.origin === 'string' ? 'shorten it; put detail in the summary or body' : `use at most ${issue.maximum}`,
        });
        break;
      case 'too_small':
        out.push({
          path,
          message: issue.origin === 'string' ? `${key} is empty` : `${key} needs at least ${issue.minimum} item(s)`,
          fix: issue.origin === 'string' ? 'write some text or remove the field' : `add at least ${issue.minimum}`,
        });
        break;
      default: {
        // A rule of our own (an unknown plan…) may say what to do in `params.fix`.
        const fix = issue.code === 'custom' ? (issue.params as { fix?: unknown } | undefined)?.fix : undefined;
        out.push({
          path,
          message: input !== undefined && typeof input !== 'object' ? `${key} is ${describe(input)}, not ${issue.message}` : `${key}: ${issue.message}`,
          fix: typeof fix === 'string' ? fix : `write ${key} as ${issue.message}`,
        });
      }
    }
  }
  return out;
}

/** The known name within edit distance 2 of `name`, if any: for "did you mean" hints. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
