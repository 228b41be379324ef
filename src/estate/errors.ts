// Load problems and the error thrown when a snapshot cannot be loaded.
import type { LoadProblem } from './model.js';

/** `file: $.Vpcs[3].CidrBlock: expected a CIDR string, found 42` */
export function formatProblem(p: LoadProblem): string {
  return `${p.file}: ${p.jsonPath}: ${p.message}`;
}

/** Sort problems by file, JSON path, message (deterministic output). */
export function sortProblems(problems: readonly LoadProblem[]): LoadProblem[] {
  return [...problems].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      cmp(a.jsonPath, b.jsonPath) ||
      cmp(a.message, b.message) ||
      cmp(a.severity, b.severity),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A snapshot could not be loaded. `problems` lists every problem found (errors and warnings). */
export class SnapshotError extends Error {
  readonly problems: readonly LoadProblem[];

  constructor(problems: readonly LoadProblem[], summary?: string) {
    const sorted = sortProblems(problems);
    const errors = sorted.filter((p) => p.severity === 'error');
    const head =
      summary ?? `snapshot could not be loaded: ${errors.length} error${errors.length === 1 ? '' : 's'}`;
    super([head, ...errors.map((p) => `  ${formatProblem(p)}`)].join('\n'));
    this.name = 'SnapshotError';
    this.problems = sorted;
  }
}

/** Collects problems while loading/building; errors abort at the end, warnings are kept. */
export class ProblemSink {
  private readonly list: LoadProblem[] = [];
  private errorCount = 0;

  error(file: string, jsonPath: string, message: string): void {
    this.list.push({ severity: 'error', file, jsonPath, message });
    this.errorCount++;
  }

  warn(file: string, jsonPath: string, message: string): void {
    this.list.push({ severity: 'warning', file, jsonPath, message });
  }

  add(p: LoadProblem): void {
    this.list.push(p);
    if (p.severity === 'error') this.errorCount++;
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  get all(): readonly LoadProblem[] {
    return this.list;
  }

  warnings(): LoadProblem[] {
    return sortProblems(this.list.filter((p) => p.severity === 'warning'));
  }
}
