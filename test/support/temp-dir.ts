// Temporary directories for tests: created under the OS temp dir, removed after the file's tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Returns a maker of directories named `perimeter-<prefix>-XXXXXX`; every directory it made is
 * removed after the calling file's tests. Call it at the top level of a test file (or in a
 * describe block), where vitest accepts hooks.
 */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), `perimeter-${prefix}-`));
    made.push(dir);
    return dir;
  };
}

/**
 * Writes `content` to `dir/name` (creating parent folders) and returns the path: a string as
 * is, anything else as JSON.
 */
export function writeFileIn(dir: string, name: string, content: unknown): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/**
 * Returns a maker of snapshot-like directories: each call writes `files` (relative path →
 * content, as writeFileIn writes it) into a new temporary directory and returns it; removed after
 * the calling file's tests. Call it at the top level of a test file.
 */
export function snapshotDirs(prefix: string): (files: Readonly<Record<string, unknown>>) => string {
  const newDir = tempDirs(prefix);
  return (files) => {
    const dir = newDir();
    for (const [name, content] of Object.entries(files)) writeFileIn(dir, name, content);
    return dir;
  };
}
