// The interval-set algorithms over bigint, used by BigIntervalSet (interval-set.ts).
//
// A set is a flat array of half-open bounds [lo0, end0, lo1, end1, ...] with lo < end, sorted, and
// separated by gaps (end_k < lo_k+1: adjacent ranges are always coalesced). Half-open bounds make
// every algorithm below comparison-only (no +1/-1). Every binary operation is one linear two-pointer
// pass; membership is a binary search.
//
// interval-core-number.ts and interval-core-bigint.ts are the same text except for the element type
// alias and this header (test/net/interval-core-sync.test.ts enforces it). One generic body shared
// by both types made number operations about 2x slower (V8 type feedback turns polymorphic); see
// bench/net.ts. Edit one, then copy it over the other.

type T = bigint;
export type Bounds = readonly T[];

/** Builds bounds from half-open pairs in any order, overlapping or adjacent. */
export function fromPairs(pairs: [T, T][]): T[] {
  pairs.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const out: T[] = [];
  for (const [lo, end] of pairs) {
    const last = out.length - 1;
    if (last > 0 && lo <= out[last]!) {
      if (end > out[last]!) out[last] = end;
    } else {
      out.push(lo, end);
    }
  }
  return out;
}

export function union(a: Bounds, b: Bounds): Bounds {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
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

export function intersect(a: Bounds, b: Bounds): Bounds {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const aLo = a[i]!;
    const aEnd = a[i + 1]!;
    const bLo = b[j]!;
    const bEnd = b[j + 1]!;
    const lo = aLo > bLo ? aLo : bLo;
    const end = aEnd < bEnd ? aEnd : bEnd;
    if (lo < end) out.push(lo, end);
    if (aEnd < bEnd) i += 2;
    else j += 2;
  }
  return out;
}

export function subtract(a: Bounds, b: Bounds): Bounds {
  if (a.length === 0 || b.length === 0) return a;
  const out: T[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    const end = a[i + 1]!;
    let cur = a[i]!;
    while (j < b.length && b[j + 1]! <= cur) j += 2;
    // b[j..] ends after cur (and b's ends increase); cut out every b range that starts before `end`.
    // The last one may also cut the next range of a, so j is not advanced past it.
    for (let k = j; k < b.length && b[k]! < end; k += 2) {
      if (b[k]! > cur) out.push(cur, b[k]!);
      cur = b[k + 1]!;
    }
    if (cur < end) out.push(cur, end);
  }
  return out;
}

/** Index (even) of the range containing x, or -1. Binary search. */
export function indexOf(a: Bounds, x: T): number {
  let lo = 0;
  let hi = a.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = mid * 2;
    if (x < a[k]!) hi = mid - 1;
    else if (x >= a[k + 1]!) lo = mid + 1;
    else return k;
  }
  return -1;
}

/** True when every element of b is in a. */
export function containsAll(a: Bounds, b: Bounds): boolean {
  let i = 0;
  for (let j = 0; j < b.length; j += 2) {
    const end = b[j + 1]!;
    while (i < a.length && a[i + 1]! < end) i += 2;
    if (i >= a.length || a[i]! > b[j]!) return false;
  }
  return true;
}

export function overlaps(a: Bounds, b: Bounds): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j + 1]! && b[j]! < a[i + 1]!) return true;
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return false;
}

export function equal(a: Bounds, b: Bounds): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
