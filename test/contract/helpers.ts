// Shared helpers for the CLI contract suite (DESIGN.md "Command-line contract").
// Every run goes through runCli in-process; runs are sequential (runCli swaps process.stdout).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { runCli, type CliRun } from '../support/run-cli.js';

export type { CliRun };

export const exitCodes = { ok: 0, findings: 1, usage: 2, runtime: 3 } as const;

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Sev = (typeof severities)[number];
/** critical = 4 … info = 0 */
export function sevRank(s: string): number {
  const i = (severities as readonly string[]).indexOf(s);
  if (i < 0) throw new Error(`not a severity: ${s}`);
  return severities.length - 1 - i;
}

const here = dirname(fileURLToPath(import.meta.url));
export const fixture = (name: string): string => join(here, 'fixtures', name);
export const sharedFixture = (rel: string): string => join(here, '..', '..', '..', 'shared', 'fixtures', rel);
export const demoDir = join(here, '..', '..', 'examples', 'demo');
export const missingSnapshot = join(tmpdir(), 'perimeter-contract-does-not-exist', 'snapshot');

const cache = new Map<string, Promise<CliRun>>();
let queue: Promise<unknown> = Promise.resolve();

/** Runs the CLI (serialized: runCli captures the process-wide streams). */
export function run(args: readonly string[]): Promise<CliRun> {
  const p = queue.then(() => runCli(args));
  queue = p.catch(() => undefined);
  return p;
}

/** Same as run, but one run per distinct argv in this file. */
export function runOnce(args: readonly string[]): Promise<CliRun> {
  const key = JSON.stringify(args);
  let p = cache.get(key);
  if (!p) {
    p = run(args);
    cache.set(key, p);
  }
  return p;
}

/** A line of a JavaScript stack trace: `    at fn (file.ts:12:3)` / `    at file.js:1:2`. */
const stackLine = /^\s*at\s+(?:.+\s+\()?.*:\d+:\d+\)?\s*$/m;

export function expectNoStackTrace(r: CliRun): void {
  expect(r.stderr, 'stderr carries a stack trace').not.toMatch(stackLine);
  expect(r.stdout, 'stdout carries a stack trace').not.toMatch(stackLine);
}

/** Exit 2, a message on stderr naming `mention`, no stack trace, nothing on stdout. */
export function expectUsageError(r: CliRun, mention?: string | RegExp): void {
  expect(r.code, `exit code (stderr: ${r.stderr.slice(0, 300)})`).toBe(exitCodes.usage);
  expect(r.stderr.trim().length).toBeGreaterThan(0);
  if (typeof mention === 'string') expect(r.stderr).toContain(mention);
  else if (mention) expect(r.stderr).toMatch(mention);
  expectNoStackTrace(r);
  expect(r.stdout).toBe('');
}

/** stdout parses as one JSON document (nothing else on stdout). */
export function parseStdout<T = unknown>(r: CliRun): T {
  expect(r.code, `exit code (stderr: ${r.stderr.slice(0, 300)})`).not.toBeGreaterThan(1);
  let data: unknown;
  expect(() => {
    data = JSON.parse(r.stdout) as unknown;
  }, 'stdout is one JSON document').not.toThrow();
  return data as T;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys of `obj` must include every `required`, may include `optional`; returns the others. */
export function extraKeys(
  obj: unknown,
  required: readonly string[],
  optional: readonly string[] = [],
): string[] {
  expect(isRecord(obj), `expected an object, got ${JSON.stringify(obj)?.slice(0, 100)}`).toBe(true);
  const keys = Object.keys(obj as Record<string, unknown>);
  for (const k of required) expect(keys, `missing key ${k}`).toContain(k);
  const known = new Set([...required, ...optional]);
  return keys.filter((k) => !known.has(k)).sort();
}

/** Exactly these keys (optional ones may be absent). */
export function expectExactKeys(
  obj: unknown,
  required: readonly string[],
  optional: readonly string[] = [],
): void {
  expect(
    extraKeys(obj, required, optional),
    `unexpected keys in ${JSON.stringify(obj)?.slice(0, 200)}`,
  ).toEqual([]);
}

/** Plain code-unit comparison (locale-independent). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keys of a list in order, compared with the same keys sorted: the list is sorted by them. */
export function expectSortedBy<T>(list: readonly T[], key: (x: T) => readonly (string | number)[]): void {
  const compare = (a: T, b: T): number => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
      const x = ka[i];
      const y = kb[i];
      if (x === y) continue;
      if (x === undefined) return -1;
      if (y === undefined) return 1;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return cmp(String(x), String(y));
    }
    return 0;
  };
  const sorted = [...list].sort(compare);
  expect(list.map(key)).toEqual(sorted.map(key));
}

const tempDirs: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `perimeter-contract-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** Removes every directory tempDir made (called once, after the whole suite). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A snapshot directory made of the given files (relative path → JSON value or raw text). */
export function makeSnapshot(files: Record<string, unknown>): string {
  const dir = tempDir('snap');
  for (const [name, content] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}
