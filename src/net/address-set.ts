// Sets of IPv4 and IPv6 addresses: one BigIntervalSet per version. IPv4 and IPv6 never mix
// (IPv4-mapped IPv6 addresses belong to v6; see ip.ts).
import { BigIntervalSet } from './interval-set.js';
import {
  cidrOf,
  IPV4_MAX,
  IPV6_MAX,
  maxAddress,
  NetParseError,
  parseCidr,
  parseIp,
  addressBits,
} from './ip.js';
import type { Cidr, IpVersion } from './ip.js';

const ALL_V4 = BigIntervalSet.range(0n, IPV4_MAX);
const ALL_V6 = BigIntervalSet.range(0n, IPV6_MAX);

/** Number of trailing zero bits of x (x > 0), capped at `cap`. */
function trailingZeros(x: bigint, cap: number): number {
  if (x === 0n) return cap;
  let n = 0;
  while (n < cap && ((x >> BigInt(n)) & 1n) === 0n) n++;
  return n;
}

/** floor(log2(x)) for x > 0. */
function log2(x: bigint): number {
  return x.toString(2).length - 1;
}

/** The fewest CIDRs whose union is exactly [lo, hi] (greedy largest aligned block first). */
export function rangeToCidrs(version: IpVersion, lo: bigint, hi: bigint): Cidr[] {
  const bits = addressBits(version);
  const out: Cidr[] = [];
  let cur = lo;
  while (cur <= hi) {
    const hostBits = Math.min(trailingZeros(cur, bits), log2(hi - cur + 1n));
    out.push(cidrOf(version, cur, bits - hostBits));
    cur += 1n << BigInt(hostBits);
  }
  return out;
}

export class AddressSet {
  static readonly #empty = new AddressSet(BigIntervalSet.empty(), BigIntervalSet.empty());
  static readonly #all = new AddressSet(ALL_V4, ALL_V6);

  private constructor(
    readonly v4: BigIntervalSet,
    readonly v6: BigIntervalSet,
  ) {}

  static empty(): AddressSet {
    return AddressSet.#empty;
  }

  /** Every IPv4 and every IPv6 address (0.0.0.0/0 and ::/0). */
  static all(): AddressSet {
    return AddressSet.#all;
  }

  static fromCidr(c: Cidr): AddressSet {
    const s = BigIntervalSet.range(c.first, c.last);
    return c.version === 4
      ? new AddressSet(s, BigIntervalSet.empty())
      : new AddressSet(BigIntervalSet.empty(), s);
  }

  /** Union of CIDRs or bare addresses. Throws NetParseError naming the first bad entry and its position. */
  static fromCidrs(texts: Iterable<string>): AddressSet {
    const v4: [bigint, bigint][] = [];
    const v6: [bigint, bigint][] = [];
    let index = 0;
    for (const text of texts) {
      let c: Cidr;
      try {
        c = parseCidr(text);
      } catch (e) {
        if (e instanceof NetParseError) throw new NetParseError(`entry ${index}: ${e.message}`, text);
        throw e;
      }
      (c.version === 4 ? v4 : v6).push([c.first, c.last]);
      index++;
    }
    return new AddressSet(BigIntervalSet.fromRanges(v4), BigIntervalSet.fromRanges(v6));
  }

  /** Builds a set from per-version interval sets (values must lie within each version's space). */
  static fromIntervals(v4: BigIntervalSet, v6: BigIntervalSet): AddressSet {
    for (const [version, s] of [
      [4, v4],
      [6, v6],
    ] as const) {
      const max = s.max();
      const min = s.min();
      if ((min !== undefined && min < 0n) || (max !== undefined && max > maxAddress(version))) {
        throw new RangeError(`IPv${version} set ${s} is outside 0 to ${maxAddress(version)}`);
      }
    }
    return new AddressSet(v4, v6);
  }

  version(version: IpVersion): BigIntervalSet {
    return version === 4 ? this.v4 : this.v6;
  }

  union(o: AddressSet): AddressSet {
    return new AddressSet(this.v4.union(o.v4), this.v6.union(o.v6));
  }

  intersect(o: AddressSet): AddressSet {
    return new AddressSet(this.v4.intersect(o.v4), this.v6.intersect(o.v6));
  }

  subtract(o: AddressSet): AddressSet {
    return new AddressSet(this.v4.subtract(o.v4), this.v6.subtract(o.v6));
  }

  /** Every address (of both versions) not in this set. */
  complement(): AddressSet {
    return AddressSet.#all.subtract(this);
  }

  isEmpty(): boolean {
    return this.v4.isEmpty() && this.v6.isEmpty();
  }

  equals(o: AddressSet): boolean {
    return this.v4.equals(o.v4) && this.v6.equals(o.v6);
  }

  overlaps(o: AddressSet): boolean {
    return this.v4.overlaps(o.v4) || this.v6.overlaps(o.v6);
  }

  /** True when every address of `o` is in this set. */
  containsSet(o: AddressSet): boolean {
    return this.v4.containsSet(o.v4) && this.v6.containsSet(o.v6);
  }

  /** An address as text ("10.0.0.1", "2001:db8::1") or parsed. Throws NetParseError on bad text. */
  containsIp(ip: string | { readonly version: IpVersion; readonly value: bigint }): boolean {
    const { version, value } = typeof ip === 'string' ? parseIp(ip) : ip;
    return this.version(version).contains(value);
  }

  /** True when every address of the CIDR is in this set. Text is parsed with parseCidr (throws). */
  containsCidr(c: Cidr | string): boolean {
    const cidr = typeof c === 'string' ? parseCidr(c) : c;
    return this.version(cidr.version).containsSet(BigIntervalSet.range(cidr.first, cidr.last));
  }

  /** True when the CIDR shares at least one address with this set. */
  overlapsCidr(c: Cidr | string): boolean {
    const cidr = typeof c === 'string' ? parseCidr(c) : c;
    return this.version(cidr.version).overlaps(BigIntervalSet.range(cidr.first, cidr.last));
  }

  /** True when the set covers the whole 0.0.0.0/0 (or ::/0), however it is split into CIDRs. */
  isWholeInternet(version: IpVersion): boolean {
    return this.version(version).containsSet(version === 4 ? ALL_V4 : ALL_V6);
  }

  /** Number of addresses of one version. */
  size(version: IpVersion): bigint {
    return this.version(version).size();
  }

  /** The fewest CIDRs covering exactly this set, sorted by address, IPv4 first (normalized text). */
  toCidrs(): string[] {
    const out: string[] = [];
    for (const version of [4, 6] as const) {
      for (const [lo, hi] of this.version(version).ranges()) {
        for (const c of rangeToCidrs(version, lo, hi)) out.push(c.text);
      }
    }
    return out;
  }

  toString(): string {
    const cidrs = this.toCidrs();
    return cidrs.length === 0 ? '(no addresses)' : cidrs.join(', ');
  }
}
