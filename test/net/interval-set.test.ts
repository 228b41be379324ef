import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BigIntervalSet, IntervalSet } from '../../src/net/interval-set.js';

// Oracle: a plain Set of the integers 0..U-1. Both classes are checked against it through a small
// adapter, so every law below runs for number and bigint.
const U = 64;
const RUNS = { numRuns: 200 };

interface Adapter<S> {
  name: string;
  fromRanges(r: [number, number][]): S;
  union(a: S, b: S): S;
  intersect(a: S, b: S): S;
  subtract(a: S, b: S): S;
  complement(a: S, lo: number, hi: number): S;
  contains(a: S, x: number): boolean;
  containsSet(a: S, b: S): boolean;
  overlaps(a: S, b: S): boolean;
  equals(a: S, b: S): boolean;
  isEmpty(a: S): boolean;
  size(a: S): number;
  ranges(a: S): [number, number][];
  min(a: S): number | undefined;
  max(a: S): number | undefined;
}

const num: Adapter<IntervalSet> = {
  name: 'IntervalSet',
  fromRanges: (r) => IntervalSet.fromRanges(r),
  union: (a, b) => a.union(b),
  intersect: (a, b) => a.intersect(b),
  subtract: (a, b) => a.subtract(b),
  complement: (a, lo, hi) => a.complement(lo, hi),
  contains: (a, x) => a.contains(x),
  containsSet: (a, b) => a.containsSet(b),
  overlaps: (a, b) => a.overlaps(b),
  equals: (a, b) => a.equals(b),
  isEmpty: (a) => a.isEmpty(),
  size: (a) => a.size(),
  ranges: (a) => a.ranges().map(([lo, hi]) => [lo, hi]),
  min: (a) => a.min(),
  max: (a) => a.max(),
};

const opt = (x: bigint | undefined) => (x === undefined ? undefined : Number(x));
const big: Adapter<BigIntervalSet> = {
  name: 'BigIntervalSet',
  fromRanges: (r) => BigIntervalSet.fromRanges(r.map(([lo, hi]) => [BigInt(lo), BigInt(hi)] as const)),
  union: (a, b) => a.union(b),
  intersect: (a, b) => a.intersect(b),
  subtract: (a, b) => a.subtract(b),
  complement: (a, lo, hi) => a.complement(BigInt(lo), BigInt(hi)),
  contains: (a, x) => a.contains(BigInt(x)),
  containsSet: (a, b) => a.containsSet(b),
  overlaps: (a, b) => a.overlaps(b),
  equals: (a, b) => a.equals(b),
  isEmpty: (a) => a.isEmpty(),
  size: (a) => Number(a.size()),
  ranges: (a) => a.ranges().map(([lo, hi]) => [Number(lo), Number(hi)]),
  min: (a) => opt(a.min()),
  max: (a) => opt(a.max()),
};

// The same oracle shifted to the top of the IPv6 space, so nothing relies on small values.
const OFF = (1n << 128n) - BigInt(U);
const optOff = (x: bigint | undefined) => (x === undefined ? undefined : Number(x - OFF));
const bigHigh: Adapter<BigIntervalSet> = {
  ...big,
  name: 'BigIntervalSet near 2^128',
  fromRanges: (r) =>
    BigIntervalSet.fromRanges(r.map(([lo, hi]) => [BigInt(lo) + OFF, BigInt(hi) + OFF] as const)),
  complement: (a, lo, hi) => a.complement(BigInt(lo) + OFF, BigInt(hi) + OFF),
  contains: (a, x) => a.contains(BigInt(x) + OFF),
  ranges: (a) => a.ranges().map(([lo, hi]) => [Number(lo - OFF), Number(hi - OFF)]),
  min: (a) => optOff(a.min()),
  max: (a) => optOff(a.max()),
};

const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: U - 1 }), fc.integer({ min: 0, max: U - 1 }))
  .map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));
const rangesArb = fc.array(rangeArb, { maxLength: 8 });

function expand(r: [number, number][]): Set<number> {
  const s = new Set<number>();
  for (const [lo, hi] of r) for (let x = lo; x <= hi; x++) s.add(x);
  return s;
}

/** The canonical ranges of a Set: sorted, disjoint, adjacent runs merged. */
function canonical(s: Set<number>): [number, number][] {
  const xs = [...s].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const x of xs) {
    const last = out[out.length - 1];
    if (last && last[1] === x - 1) last[1] = x;
    else out.push([x, x]);
  }
  return out;
}

for (const A of [num, big, bigHigh] as Adapter<unknown>[]) {
  describe(`${A.name} vs a Set oracle over 0..${U - 1}`, () => {
    it('fromRanges is canonical (sorted, disjoint, coalesced) in any input order', () => {
      fc.assert(
        fc.property(rangesArb, (r) => {
          const s = A.fromRanges(r);
          expect(A.ranges(s)).toEqual(canonical(expand(r)));
          expect(A.equals(s, A.fromRanges([...r].reverse()))).toBe(true);
          expect(A.size(s)).toBe(expand(r).size);
          expect(A.isEmpty(s)).toBe(expand(r).size === 0);
        }),
        RUNS,
      );
    });

    it('union, intersect, subtract, complement match the oracle', () => {
      fc.assert(
        fc.property(rangesArb, rangesArb, rangeArb, (ra, rb, [ulo, uhi]) => {
          const a = A.fromRanges(ra);
          const b = A.fromRanges(rb);
          const sa = expand(ra);
          const sb = expand(rb);
          expect(A.ranges(A.union(a, b))).toEqual(canonical(new Set([...sa, ...sb])));
          expect(A.ranges(A.intersect(a, b))).toEqual(canonical(new Set([...sa].filter((x) => sb.has(x)))));
          expect(A.ranges(A.subtract(a, b))).toEqual(canonical(new Set([...sa].filter((x) => !sb.has(x)))));
          const universe = expand([[ulo, uhi]]);
          expect(A.ranges(A.complement(a, ulo, uhi))).toEqual(
            canonical(new Set([...universe].filter((x) => !sa.has(x)))),
          );
        }),
        RUNS,
      );
    });

    it('contains, containsSet, overlaps, min, max match the oracle', () => {
      fc.assert(
        fc.property(rangesArb, rangesArb, fc.integer({ min: -1, max: U }), (ra, rb, x) => {
          const a = A.fromRanges(ra);
          const b = A.fromRanges(rb);
          const sa = expand(ra);
          const sb = expand(rb);
          expect(A.contains(a, x)).toBe(sa.has(x));
          expect(A.containsSet(a, b)).toBe([...sb].every((y) => sa.has(y)));
          expect(A.overlaps(a, b)).toBe([...sb].some((y) => sa.has(y)));
          expect(A.min(a)).toBe(sa.size === 0 ? undefined : Math.min(...sa));
          expect(A.max(a)).toBe(sa.size === 0 ? undefined : Math.max(...sa));
        }),
        RUNS,
      );
    });

    it('algebraic laws: De Morgan, idempotence, absorption, commutativity, (a ∖ b) ∩ b = ∅', () => {
      fc.assert(
        fc.property(rangesArb, rangesArb, rangesArb, (ra, rb, rc) => {
          const [a, b, c] = [A.fromRanges(ra), A.fromRanges(rb), A.fromRanges(rc)];
          const co = (s: unknown) => A.complement(s, 0, U - 1);
          const eq = (x: unknown, y: unknown) => expect(A.ranges(x)).toEqual(A.ranges(y));
          eq(co(A.union(a, b)), A.intersect(co(a), co(b)));
          eq(co(A.intersect(a, b)), A.union(co(a), co(b)));
          eq(A.union(a, a), a);
          eq(A.intersect(a, a), a);
          eq(A.union(a, A.intersect(a, b)), a);
          eq(A.intersect(a, A.union(a, b)), a);
          eq(A.union(a, b), A.union(b, a));
          eq(A.intersect(a, b), A.intersect(b, a));
          eq(A.union(A.union(a, b), c), A.union(a, A.union(b, c)));
          eq(A.intersect(a, A.union(b, c)), A.union(A.intersect(a, b), A.intersect(a, c)));
          expect(A.isEmpty(A.intersect(A.subtract(a, b), b))).toBe(true);
          eq(A.union(A.subtract(a, b), A.intersect(a, b)), a);
          eq(co(co(a)), a);
          expect(A.containsSet(A.union(a, b), a)).toBe(true);
          expect(A.overlaps(a, b)).toBe(!A.isEmpty(A.intersect(a, b)));
        }),
        RUNS,
      );
    });
  });
}

describe('IntervalSet edge cases', () => {
  const s = (...r: [number, number][]) => IntervalSet.fromRanges(r);
  it.each([
    // a, b, overlaps, union, intersect, a ∖ b, a ⊇ b
    [s([0, 4]), s([5, 10]), false, '{0-10}', '{}', '{0-4}', false],
    [s([5, 10]), s([0, 4]), false, '{0-10}', '{}', '{5-10}', false],
    [s([0, 5]), s([5, 10]), true, '{0-10}', '{5}', '{0-4}', false],
    [s([0, 10]), s([3, 3], [5, 6]), true, '{0-10}', '{3, 5-6}', '{0-2, 4, 7-10}', true],
    [s([0, 2], [8, 9]), s([3, 7]), false, '{0-9}', '{}', '{0-2, 8-9}', false],
    [s([0, 2], [8, 9]), s([2, 8]), true, '{0-9}', '{2, 8}', '{0-1, 9}', false],
    [s([3, 7]), s([0, 2], [8, 9]), false, '{0-9}', '{}', '{3-7}', false],
    [s([0, 9]), s([0, 9]), true, '{0-9}', '{0-9}', '{}', true],
    [IntervalSet.empty(), s([1, 1]), false, '{1}', '{}', '{}', false],
    [s([1, 1]), IntervalSet.empty(), false, '{1}', '{}', '{1}', true],
  ])('%s with %s', (a, b, overlaps, union, intersect, difference, superset) => {
    expect(a.overlaps(b)).toBe(overlaps);
    expect(b.overlaps(a)).toBe(overlaps);
    expect(a.union(b).toString()).toBe(union);
    expect(a.intersect(b).toString()).toBe(intersect);
    expect(a.subtract(b).toString()).toBe(difference);
    expect(a.containsSet(b)).toBe(superset);
  });
});

describe('IntervalSet specifics', () => {
  it('constructors', () => {
    expect(IntervalSet.empty().ranges()).toEqual([]);
    expect(IntervalSet.single(22).ranges()).toEqual([[22, 22]]);
    expect(IntervalSet.range(80, 443).ranges()).toEqual([[80, 443]]);
    expect(
      IntervalSet.fromRanges([
        [10, 20],
        [21, 30],
        [5, 12],
        [40, 40],
      ]).ranges(),
    ).toEqual([
      [5, 30],
      [40, 40],
    ]);
  });

  it('rejects reversed and non-integer ranges, naming the values', () => {
    expect(() => IntervalSet.range(5, 4)).toThrow(
      'range low end 5 is greater than its high end 4 (expected lo <= hi)',
    );
    expect(() => IntervalSet.range(1.5, 4)).toThrow('range low end 1.5 is not an integer');
    expect(() => IntervalSet.single(NaN)).toThrow('range low end NaN is not an integer');
    expect(() => IntervalSet.empty().complement(10, 9)).toThrow(
      'range low end 10 is greater than its high end 9',
    );
    expect(() => BigIntervalSet.range(5n, 4n)).toThrow('range low end 5 is greater than its high end 4');
  });

  it('size, min, max, toString', () => {
    const s = IntervalSet.fromRanges([
      [80, 443],
      [22, 22],
    ]);
    expect(s.size()).toBe(365);
    expect(s.min()).toBe(22);
    expect(s.max()).toBe(443);
    expect(s.rangeCount).toBe(2);
    expect(s.toString()).toBe('{22, 80-443}');
    expect(IntervalSet.empty().toString()).toBe('{}');
    expect(IntervalSet.empty().min()).toBeUndefined();
    expect(IntervalSet.empty().max()).toBeUndefined();
    expect(IntervalSet.range(0, 65535).complement(0, 65535).isEmpty()).toBe(true);
    expect(IntervalSet.single(22).complement(0, 65535).toString()).toBe('{0-21, 23-65535}');
  });

  it('ranges() is frozen', () => {
    const r = IntervalSet.range(1, 2).ranges();
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r[0])).toBe(true);
  });
});

describe('BigIntervalSet specifics', () => {
  it('works at the edges of the IPv6 space', () => {
    const max = (1n << 128n) - 1n;
    const all = BigIntervalSet.range(0n, max);
    expect(all.size()).toBe(1n << 128n);
    expect(all.max()).toBe(max);
    const lowHalf = BigIntervalSet.range(0n, (1n << 127n) - 1n);
    const highHalf = BigIntervalSet.range(1n << 127n, max);
    expect(lowHalf.union(highHalf).equals(all)).toBe(true);
    expect(lowHalf.union(highHalf).rangeCount).toBe(1);
    expect(all.subtract(BigIntervalSet.single(max)).max()).toBe(max - 1n);
    expect(lowHalf.complement(0n, max).equals(highHalf)).toBe(true);
    expect(BigIntervalSet.fromRanges([[7n, 9n]]).toString()).toBe('{7-9}');
  });
});
