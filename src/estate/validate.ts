// Runs a zod schema on one raw record and turns its issues into LoadProblems
// (`$.Vpcs[2].CidrBlock: expected a CIDR string like 10.0.0.0/16, found 42`).
import type { z } from 'zod';
import type { ProblemSink } from './errors.js';
import { compileCheck, type Check } from './compiled-check.js';
import { joinPath, renderValue, valueAt } from './json-path.js';

export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    return `expected ${article(issue.expected)}`;
  }
  if (issue.code === 'invalid_union' && issue.message.startsWith('Invalid input'))
    return 'expected one of the accepted shapes';
  return issue.message;
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

/** Validate `value`; on failure report every issue (with the value found) and return undefined. */
export function check<S extends z.ZodType>(
  schema: S,
  value: unknown,
  sink: ProblemSink,
  file: string,
  path: string,
): z.infer<S> | undefined {
  return checkWith(schema, compileCheck(schema), value, sink, file, path);
}

/** `check` with the schema's compiled check looked up once by the caller (hot loops). */
export function checkWith<S extends z.ZodType>(
  schema: S,
  fast: Check | undefined,
  value: unknown,
  sink: ProblemSink,
  file: string,
  path: string,
): z.infer<S> | undefined {
  // Fast path: a compiled structural check; zod only runs when it fails (to report the issues).
  if (fast !== undefined && fast(value)) return value as z.infer<S>;
  const r = schema.safeParse(value);
  if (r.success) return value as z.infer<S>;
  for (const issue of r.error.issues) {
    const keys = issue.path;
    const { found, value: v } = valueAt(value, keys);
    const foundText = found ? renderValue(v) : 'nothing (the field is missing)';
    sink.error(file, joinPath(path, keys), `${describeIssue(issue)}, found ${foundText}`);
  }
  return undefined;
}
