// Immutable sets of integers stored as sorted, disjoint, coalesced inclusive ranges.
// IntervalSet works on plain numbers (ports 0–65535, protocols 0–255, ICMP types); BigIntervalSet
// on bigint (IPv4/IPv6 addresses). The algorithms live in interval-core-number.ts and
// interval-core-bigint.ts: the same text with a different element type, because one generic body
// fed both types ran number operations about 2x slower (bench/net.ts).
import * as numberCore from './interval-core-number.js';
import * as bigintCore from './interval-core-bigint.js';

type Bound = number | bigint;
type Bounds<T> = readonly T[];
type Range<T> = readonly [T, T];

/** The operations of interval-core-*.ts for one element type. */
interface Core<T> {
  fromPairs(pairs: [T, T][]): T[];
  union(a: Bounds<T>, b: Bounds<T>): Bounds<T>;
  intersect(a: Bounds<T>, b: Bounds<T>): Bounds<T>;
  subtract(a: Bounds<T>, b: Bounds<T>): Bounds<T>;
  indexOf(a: Bounds<T>, x: T): number;
  containsAll(a: Bounds<T>, b: Bounds<T>): boolean;
  overlaps(a: Bounds<T>, b: Bounds<T>): boolean;
  equal(a: Bounds<T>, b: Bounds<T>): boolean;
}

abstract class IntervalSetBase<T extends Bound, S extends IntervalSetBase<T, S>> {
  #ranges: readonly Range<T>[] | undefined;

  protected constructor(
    /** Half-open bounds [lo0, end0, lo1, end1, ...]; see interval-this.core.ts. */
    protected readonly bounds: Bounds<T>,
  ) {}

  protected abstract readonly core: Core<T>;
  protected abstract make(bounds: Bounds<T>): S;
  /** x - 1 in the element type (half-open end → inclusive high). */
  protected abstract pred(x: T): T;
  /** x + 1 in the element type (inclusive high → half-open end), validated. */
  protected abstract succ(x: T): T;
  protected abstract check(x: T, what: string): void;

  union(o: S): S {
    const b = this.core.union(this.bounds, o.bounds);
    return b === this.bounds ? (this as unknown as S) : b === o.bounds ? o : this.make(b);
  }

  intersect(o: S): S {
    return this.make(this.core.intersect(this.bounds, o.bounds));
  }

  subtract(o: S): S {
    const b = this.core.subtract(this.bounds, o.bounds);
    return b === this.bounds ? (this as unknown as S) : this.make(b);
  }

  /** Everything in [lo, hi] (inclusive universe) that is not in this set. */
  complement(lo: T, hi: T): S {
    this.checkRange(lo, hi);
    return this.make(this.core.subtract([lo, this.succ(hi)], this.bounds));
  }

  contains(x: T): boolean {
    return this.core.indexOf(this.bounds, x) >= 0;
  }

  /** True when this set is a superset of `o`. */
  containsSet(o: S): boolean {
    return this.core.containsAll(this.bounds, o.bounds);
  }

  overlaps(o: S): boolean {
    return this.core.overlaps(this.bounds, o.bounds);
  }

  isEmpty(): boolean {
    return this.bounds.length === 0;
  }

  /** Number of ranges after coalescing. */
  get rangeCount(): number {
    return this.bounds.length / 2;
  }

  /** Inclusive [lo, hi] ranges, sorted, disjoint and non-adjacent. */
  ranges(): readonly Range<T>[] {
    if (this.#ranges === undefined) {
      const out: Range<T>[] = [];
      for (let i = 0; i < this.bounds.length; i += 2) {
        out.push(Object.freeze([this.bounds[i]!, this.pred(this.bounds[i + 1]!)] as const));
      }
      this.#ranges = Object.freeze(out);
    }
    return this.#ranges;
  }

  equals(o: S): boolean {
    return this.core.equal(this.bounds, o.bounds);
  }

  /** Smallest element, or undefined for the empty set. */
  min(): T | undefined {
    return this.bounds[0];
  }

  /** Largest element, or undefined for the empty set. */
  max(): T | undefined {
    const end = this.bounds[this.bounds.length - 1];
    return end === undefined ? undefined : this.pred(end);
  }

  /** `{}`, `{22}`, `{22, 80-443}`. */
  toString(): string {
    const parts = this.ranges().map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`));
    return `{${parts.join(', ')}}`;
  }

  protected checkRange(lo: T, hi: T): void {
    this.check(lo, 'low end');
    this.check(hi, 'high end');
    if (lo > hi)
      throw new RangeError(`range low end ${lo} is greater than its high end ${hi} (expected lo <= hi)`);
  }

  protected boundsFrom(ranges: Iterable<readonly [T, T]>): Bounds<T> {
    const pairs: [T, T][] = [];
    for (const [lo, hi] of ranges) {
      this.checkRange(lo, hi);
      pairs.push([lo, this.succ(hi)]);
    }
    return this.core.fromPairs(pairs);
  }
}

/** Immutable set of safe integers (>= 0 not required), e.g. ports, protocol numbers, ICMP types. */
export class IntervalSet extends IntervalSetBase<number, IntervalSet> {
  static readonly #empty = new IntervalSet([]);
  protected readonly core: Core<number> = numberCore;

  private constructor(bounds: Bounds<number>) {
    super(bounds);
  }

  static empty(): IntervalSet {
    return IntervalSet.#empty;
  }

  /** The inclusive range [lo, hi]. Throws RangeError if lo > hi or either is not a safe integer. */
  static range(lo: number, hi: number): IntervalSet {
    return IntervalSet.fromRanges([[lo, hi]]);
  }

  static single(x: number): IntervalSet {
    return IntervalSet.fromRanges([[x, x]]);
  }

  /** Inclusive ranges in any order; overlapping and adjacent ranges are merged. */
  static fromRanges(ranges: Iterable<readonly [number, number]>): IntervalSet {
    return new IntervalSet(IntervalSet.#empty.boundsFrom(ranges));
  }

  /** Count of integers in the set. */
  size(): number {
    let n = 0;
    for (let i = 0; i < this.bounds.length; i += 2) n += this.bounds[i + 1]! - this.bounds[i]!;
    return n;
  }

  protected make(bounds: Bounds<number>): IntervalSet {
    return bounds.length === 0 ? IntervalSet.#empty : new IntervalSet(bounds);
  }

  protected pred(x: number): number {
    return x - 1;
  }

  protected succ(x: number): number {
    return x + 1;
  }

  protected check(x: number, what: string): void {
    // The high end must stay below MAX_SAFE_INTEGER so that hi + 1 is exact.
    if (!Number.isSafeInteger(x) || x >= Number.MAX_SAFE_INTEGER) {
      throw new RangeError(
        `range ${what} ${x} is not an integer in the supported range (expected a safe integer)`,
      );
    }
  }
}

/** Immutable set of bigints, e.g. IPv4/IPv6 address values. */
export class BigIntervalSet extends IntervalSetBase<bigint, BigIntervalSet> {
  static readonly #empty = new BigIntervalSet([]);
  protected readonly core: Core<bigint> = bigintCore;

  private constructor(bounds: Bounds<bigint>) {
    super(bounds);
  }

  static empty(): BigIntervalSet {
    return BigIntervalSet.#empty;
  }

  /** The inclusive range [lo, hi]. Throws RangeError if lo > hi. */
  static range(lo: bigint, hi: bigint): BigIntervalSet {
    return BigIntervalSet.fromRanges([[lo, hi]]);
  }

  static single(x: bigint): BigIntervalSet {
    return BigIntervalSet.fromRanges([[x, x]]);
  }

  /** Inclusive ranges in any order; overlapping and adjacent ranges are merged. */
  static fromRanges(ranges: Iterable<readonly [bigint, bigint]>): BigIntervalSet {
    return new BigIntervalSet(BigIntervalSet.#empty.boundsFrom(ranges));
  }

  /** Count of integers in the set. */
  size(): bigint {
    let n = 0n;
    for (let i = 0; i < this.bounds.length; i += 2) n += this.bounds[i + 1]! - this.bounds[i]!;
    return n;
  }

  protected make(bounds: Bounds<bigint>): BigIntervalSet {
    return bounds.length === 0 ? BigIntervalSet.#empty : new BigIntervalSet(bounds);
  }

  protected pred(x: bigint): bigint {
    return x - 1n;
  }

  protected succ(x: bigint): bigint {
    return x + 1n;
  }

  protected check(x: bigint, what: string): void {
    if (typeof x !== 'bigint') {
      throw new RangeError(`range ${what} ${String(x)} is a ${typeof x} (expected a bigint)`);
    }
  }
}
