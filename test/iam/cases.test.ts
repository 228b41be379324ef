// Data-driven portable eval cases (test/scenarios/iam/cases/*.json): each carries its `source` and
// the `expected` decision and blockedBy; they also run through the same parser `perimeter eval` uses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCase } from '../../src/iam/case-file.js';
import { evaluate } from '../../src/iam/evaluate.js';

const dir = join(import.meta.dirname, '../scenarios/iam/cases');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('portable eval cases', () => {
  it('has cases', () => {
    expect(files.length).toBe(9);
  });
  it.each(files)('%s', (f) => {
    const data = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
      expected: { decision: string; blockedBy: string[] };
      source: string;
    };
    expect(data.source.length).toBeGreaterThan(10);
    const c = parseCase(data);
    expect(c.warnings).toEqual([]);
    const d = evaluate(c.policies, c.request);
    expect({ decision: d.decision, blockedBy: d.blockedBy }).toEqual(data.expected);
  });
});
