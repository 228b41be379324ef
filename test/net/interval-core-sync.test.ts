import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// interval-core-number.ts and interval-core-bigint.ts are deliberately two copies of one algorithm
// (a shared generic body halves number performance; bench/net.ts). They must not drift apart.
const read = (name: string) => readFileSync(new URL(`../../src/net/${name}`, import.meta.url), 'utf8');

describe('interval cores', () => {
  it('are the same text except for the element type', () => {
    const numberCore = read('interval-core-number.ts');
    const bigintCore = read('interval-core-bigint.ts');
    expect(numberCore).toContain('\ntype T = number;\n');
    expect(bigintCore).toContain('\ntype T = bigint;\n');
    const asBigint = numberCore
      .replace('\ntype T = number;\n', '\ntype T = bigint;\n')
      .replace('over number, used by IntervalSet', 'over bigint, used by BigIntervalSet');
    expect(bigintCore).toBe(asBigint);
  });
});
