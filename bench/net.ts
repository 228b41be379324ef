// Micro-benchmark for src/net interval sets: IntervalSet (number) vs BigIntervalSet (bigint) union and
// intersect on 1,000-range sets, plus the cost of sharing one generic core between both element types
// (a generic copy of the union loop, fed numbers and bigints, against the number core src/net uses).
// Run: npx tsx bench/net.ts
import { BigIntervalSet, IntervalSet } from '../src/net/interval-set.js';
import * as numberCore from '../src/net/interval-core-number.js';

const RANGES = 1000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomRanges(seed: number): [number, number][] {
  const next = rng(seed);
  const out: [number, number][] = [];
  let cur = 0;
  for (let i = 0; i < RANGES; i++) {
    cur += 1 + Math.floor(next() * 50);
    const len = Math.floor(next() * 40);
    out.push([cur, cur + len]);
    cur += len;
  }
  return out;
}

const ra = randomRanges(1);
const rb = randomRanges(2);
const na = IntervalSet.fromRanges(ra);
const nb = IntervalSet.fromRanges(rb);
const ba = BigIntervalSet.fromRanges(ra.map(([l, h]) => [BigInt(l), BigInt(h)] as const));
const bb = BigIntervalSet.fromRanges(rb.map(([l, h]) => [BigInt(l), BigInt(h)] as const));

// Flat half-open bounds for the core-level comparison.
const flat = (s: IntervalSet) => s.ranges().flatMap(([l, h]) => [l, h + 1]);
const fa = flat(na);
const fb = flat(nb);

/** The union loop of interval-core-*.ts written once for both element types (the rejected design). */
function unionGeneric<T extends number | bigint>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let lo: T;
    let end: T;
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) {
      lo = a[i]!;
      end = a[i + 1]!;
      i += 2;
    } else {
      lo = b[j]!;
      end = b[j + 1]!;
      j += 2;
    }
    const last = out.length - 1;
    if (last > 0 && lo <= out[last]!) {
      if (end > out[last]!) out[last] = end;
    } else {
      out.push(lo, end);
    }
  }
  return out;
}

let sink = 0;
function opsPerSec(fn: () => unknown): number {
  for (let i = 0; i < 200; i++) fn(); // warm-up
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < 400) {
    for (let i = 0; i < 50; i++) {
      const r = fn();
      if (r !== undefined) sink++;
    }
    n += 50;
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
}

// Feed the shared core bigints first so its type feedback is polymorphic, as in the product.
const bigUnion = opsPerSec(() => ba.union(bb));
const bigIntersect = opsPerSec(() => ba.intersect(bb));
const numUnion = opsPerSec(() => na.union(nb));
const numIntersect = opsPerSec(() => na.intersect(nb));
const fba = fa.map(BigInt);
const fbb = fb.map(BigInt);
opsPerSec(() => unionGeneric(fba, fbb)); // make the generic loop's type feedback polymorphic
const genericUnion = opsPerSec(() => unionGeneric(fa, fb));
const numberCoreUnion = opsPerSec(() => numberCore.union(fa, fb));

const fmt = (x: number) => `${Math.round(x).toLocaleString('en-US')} ops/s`;
console.log(`interval sets, ${RANGES} ranges each (${na.union(nb).rangeCount} in the union)`);
console.log(`  IntervalSet.union        ${fmt(numUnion)}`);
console.log(
  `  BigIntervalSet.union     ${fmt(bigUnion)}   number/bigint ratio ${(numUnion / bigUnion).toFixed(2)}x`,
);
console.log(`  IntervalSet.intersect    ${fmt(numIntersect)}`);
console.log(
  `  BigIntervalSet.intersect ${fmt(bigIntersect)}   number/bigint ratio ${(numIntersect / bigIntersect).toFixed(2)}x`,
);
console.log(`number core vs one generic body shared with bigint (union on numbers)`);
console.log(`  generic shared body      ${fmt(genericUnion)}`);
console.log(
  `  interval-core-number     ${fmt(numberCoreUnion)}   generic would cost ${((numberCoreUnion / genericUnion - 1) * 100).toFixed(1)}%`,
);
if (sink < 0) console.log(sink);
