import path from 'node:path';

/**
 * A problem found in the content, always tied to a place a writer can open and a fix they can apply.
 * Errors stop the build; warnings are reported and the build goes on.
 */
export interface Problem {
  severity: 'error' | 'warning';
  /** Absolute path of the file. */
  file: string;
  /** 1-based line and column; 1:1 when the problem concerns the whole file. */
  line: number;
  col: number;
  message: string;
  /** What to do about it, in one sentence. */
  fix: string;
}

/** Collects problems from every stage so `check` can print all of them, not only the first. */
export class Problems {
  readonly list: Problem[] = [];

  error(file: string, line: number, col: number, message: string, fix: string): void {
    this.list.push({ severity: 'error', file, line, col, message, fix });
  }

  warning(file: string, line: number, col: number, message: string, fix: string): void {
    this.list.push({ severity: 'warning', file, line, col, message, fix });
  }

  add(problems: Iterable<Problem>): void {
    for (const p of problems) this.list.push(p);
  }

  get errors(): Problem[] {
    return this.list.filter((p) => p.severity === 'error');
  }

  get warnings(): Problem[] {
    return this.list.filter((p) => p.severity === 'warning');
  }

  /** Problems in a stable order: by file, then position, errors before warnings. */
  sorted(): Problem[] {
    return [...this.list].sort(
      (a, b) => compare(a.file, b.file) || a.line - b.line || a.col - b.col || compare(a.severity, b.severity) || compare(a.message, b.message),
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `content/ja/billing/x.md:12:3  error: unknown category "bill"  (fix: use one of: billing, accounts)`
 * Paths are shown relative to `cwd` so editors and terminals can open them.
 */
export function formatProblem(problem: Problem, cwd = process.cwd()): string {
  const where = `${path.relative(cwd, problem.file) || problem.file}:${problem.line}:${problem.col}`;
  const label = problem.severity === 'error' ? 'error' : 'warning';
  return `${where}  ${label}: ${problem.message}  (fix: ${problem.fix})`;
}

/** Thrown when a stage cannot go on; carries every problem found so far. */
export class ContentError extends Error {
  constructor(readonly problems: Problem[]) {
    const count = problems.filter((p) => p.severity === 'error').length;
    super(`${count} content ${count === 1 ? 'error' : 'errors'}`);
    this.name = 'ContentError';
  }
}
