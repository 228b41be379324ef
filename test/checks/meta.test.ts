// Keeps the check catalogue honest: unique ids, id = file name, every check documented, registered,
// and tested both ways (a test file with a compliant and a non-compliant case).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/registry.js';
import type { Check } from '../../src/checks/types.js';

const checksDir = join(import.meta.dirname, '../../src/checks');
const testsDir = join(import.meta.dirname);
const nonCheckFolders = new Set(['shared']);

function checkFiles(): { area: string; file: string }[] {
  const out: { area: string; file: string }[] = [];
  for (const area of readdirSync(checksDir)) {
    const dir = join(checksDir, area);
    if (!statSync(dir).isDirectory() || nonCheckFolders.has(area)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.ts')) out.push({ area, file: join(dir, f) });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

function isCheck(v: unknown): v is Check {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Check).id === 'string' &&
    typeof (v as Check).run === 'function'
  );
}

describe('check catalogue', () => {
  it('has unique ids, sorted in the registry', () => {
    const ids = allChecks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });

  it('documents every check', () => {
    for (const c of allChecks) {
      expect(c.title.length, c.id).toBeGreaterThan(5);
      expect(c.rationale.length, c.id).toBeGreaterThan(20);
      expect(c.remediation.length, c.id).toBeGreaterThan(10);
      expect(['critical', 'high', 'medium', 'low', 'info']).toContain(c.severity);
    }
  });

  it('has one registered check per file, named like the file, tested compliant and non-compliant', async () => {
    const registered = new Set(allChecks);
    const files = checkFiles();
    expect(files.length).toBe(allChecks.length);
    for (const { area, file } of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const exported = Object.values(mod).filter(isCheck);
      expect(exported.length, `${file} exports exactly one check`).toBe(1);
      const check = exported[0] as Check;
      expect(check.id).toBe(basename(file, '.ts'));
      expect(check.area).toBe(area);
      expect(registered.has(check), `${check.id} is in src/checks/registry.ts`).toBe(true);
      const testFile = join(testsDir, area, `${check.id}.test.ts`);
      expect(existsSync(testFile), `${testFile} exists`).toBe(true);
      const text = readFileSync(testFile, 'utf8').toLowerCase();
      expect(text.includes('non-compliant'), `${testFile} has a non-compliant case`).toBe(true);
      expect(
        text.replaceAll('non-compliant', '').includes('compliant'),
        `${testFile} has a compliant case`,
      ).toBe(true);
    }
  });
});
