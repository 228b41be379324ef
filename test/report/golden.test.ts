// Golden files for every scan format on the demo estate. Regenerate after an intended change with
// `UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts` and review the diff.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const dir = join(import.meta.dirname, '../golden/scan');
const update = process.env.UPDATE_GOLDEN === '1';

const formats = [
  ['json', 'demo.json'],
  ['text', 'demo.txt'],
  ['sarif', 'demo.sarif'],
  ['html', 'demo.html'],
] as const;

describe('scan output on the demo estate (golden)', () => {
  for (const [format, file] of formats) {
    it(`--format ${format} matches ${file}`, async () => {
      const r = await runCli(['scan', '--format', format, '--today', '2026-11-23']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const path = join(dir, file);
      if (update || !existsSync(path)) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(path, r.stdout);
      }
      expect(r.stdout).toBe(readFileSync(path, 'utf8'));
    });
  }
});
