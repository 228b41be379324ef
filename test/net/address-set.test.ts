import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { containsCidr, excludeCidr, mergeCidr, overlapCidr, parseCidr as oracleParseCidr } from 'cidr-tools';
import { AddressSet, rangeToCidrs } from '../../src/net/address-set.js';
import { formatIp, NetParseError, parseCidr } from '../../src/net/ip.js';

const V4_MAX = (1n << 32n) - 1n;
const V6_MAX = (1n << 128n) - 1n;
const RUNS = { numRuns: 150 };

// Random CIDRs biased towards few distinct high bits so that lists overlap, nest and touch.
const v4CidrArb = fc
  .tuple(
    fc.integer({ min: 0, max: 15 }),
    fc.bigInt({ min: 0n, max: V4_MAX }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(
    ([top, rest, prefix]) => `${formatIp(4, (BigInt(top) << 28n) | (rest & ((1n << 28n) - 1n)))}/${prefix}`,
  );
const v6CidrArb = fc
  .tuple(
    fc.integer({ min: 0, max: 15 }),
    fc.bigInt({ min: 0n, max: V6_MAX }),
    fc.integer({ min: 0, max: 128 }),
  )
  .map(
    ([top, rest, prefix]) => `${formatIp(6, (BigInt(top) << 124n) | (rest & ((1n << 124n) - 1n)))}/${prefix}`,
  );
const cidrListArb = fc.array(fc.oneof(v4CidrArb, v6CidrArb), { minLength: 1, maxLength: 12 });

const norm = (xs: string[]) => xs.map((x) => parseCidr(x).text);
const sortCidrs = (xs: string[]) =>
  xs
    .map(parseCidr)
    .sort((a, b) => a.version - b.version || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))
    .map((c) => c.text);

describe('AddressSet.toCidrs', () => {
  it.each([
    [['10.0.0.0/8', '10.1.0.0/16'], ['10.0.0.0/8']],
    [['10.0.0.0/9', '10.128.0.0/9'], ['10.0.0.0/8']],
    [
      ['10.0.0.1', '10.0.0.2'],
      ['10.0.0.1/32', '10.0.0.2/32'],
    ], // adjacent but not one aligned block
    [['10.0.0.2', '10.0.0.3'], ['10.0.0.2/31']],
    [['0.0.0.0/1', '128.0.0.0/1'], ['0.0.0.0/0']],
    [
      ['2001:db8::/33', '2001:db8:8000::/33', '10.0.0.0/8'],
      ['10.0.0.0/8', '2001:db8::/32'],
    ],
    [[], []],
  ])('%j → %j', (input, expected) => {
    expect(AddressSet.fromCidrs(input).toCidrs()).toEqual(expected);
  });

  it('matches cidr-tools mergeCidr (the minimal cover) on random CIDR lists', () => {
    fc.assert(
      fc.property(cidrListArb, (cidrs) => {
        const ours = AddressSet.fromCidrs(cidrs).toCidrs();
        expect(ours).toEqual(sortCidrs(norm(mergeCidr(cidrs))));
        // Round trip: the cover rebuilds the same set.
        expect(AddressSet.fromCidrs(ours).equals(AddressSet.fromCidrs(cidrs))).toBe(true);
      }),
      RUNS,
    );
  });

  it('subtract matches cidr-tools excludeCidr', () => {
    fc.assert(
      fc.property(cidrListArb, cidrListArb, (base, excl) => {
        const ours = AddressSet.fromCidrs(base).subtract(AddressSet.fromCidrs(excl)).toCidrs();
        expect(ours).toEqual(sortCidrs(norm(excludeCidr(base, excl))));
      }),
      RUNS,
    );
  });

  it('rangeToCidrs splits an unaligned range into the fewest blocks', () => {
    // 10.0.0.1 - 10.0.0.14: /32 /31 /30 /30 /31 /32 — no aligned block can be merged further.
    expect(rangeToCidrs(4, 0x0a000001n, 0x0a00000en).map((c) => c.text)).toEqual([
      '10.0.0.1/32',
      '10.0.0.2/31',
      '10.0.0.4/30',
      '10.0.0.8/30',
      '10.0.0.12/31',
      '10.0.0.14/32',
    ]);
    expect(rangeToCidrs(6, 0n, V6_MAX).map((c) => c.text)).toEqual(['::/0']);
    expect(rangeToCidrs(6, 1n, V6_MAX)).toHaveLength(128);
    expect(rangeToCidrs(4, 0n, V4_MAX - 1n)).toHaveLength(32);
  });
});

describe('parseCidr and AddressSet relations agree with cidr-tools', () => {
  it('first/last of random CIDRs', () => {
    fc.assert(
      fc.property(fc.oneof(v4CidrArb, v6CidrArb), (text) => {
        const ours = parseCidr(text);
        const theirs = oracleParseCidr(text);
        expect([ours.version, ours.first, ours.last]).toEqual([theirs.version, theirs.start, theirs.end]);
      }),
      { numRuns: 300 },
    );
  });

  it('containsCidr / overlapsCidr', () => {
    fc.assert(
      fc.property(cidrListArb, fc.oneof(v4CidrArb, v6CidrArb), (cidrs, probe) => {
        const s = AddressSet.fromCidrs(cidrs);
        expect(s.containsCidr(probe)).toBe(containsCidr(cidrs, probe));
        expect(s.overlapsCidr(probe)).toBe(overlapCidr(cidrs, probe));
      }),
      RUNS,
    );
  });
});

describe('AddressSet.isWholeInternet', () => {
  it.each([
    [['0.0.0.0/0'], 4, true],
    [['0.0.0.0/1', '128.0.0.0/1'], 4, true],
    [['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/1'], 4, true],
    [['::/1', '8000::/1'], 6, true],
    [['::/0'], 6, true],
    [['0.0.0.0/0'], 6, false],
    [['::/0'], 4, false],
    [['0.0.0.0/1'], 4, false],
    [['10.0.0.0/8'], 4, false],
  ] as const)('%j IPv%i → %s', (cidrs, version, expected) => {
    expect(AddressSet.fromCidrs(cidrs).isWholeInternet(version)).toBe(expected);
  });

  it('is false when a single /32 (or /128) is missing', () => {
    const v4 = AddressSet.fromCidrs(['0.0.0.0/0']).subtract(AddressSet.fromCidrs(['203.0.113.9']));
    expect(v4.isWholeInternet(4)).toBe(false);
    expect(v4.size(4)).toBe((1n << 32n) - 1n);
    expect(v4.toCidrs()).toHaveLength(32);
    const v6 = AddressSet.fromCidrs(['::/1', '8000::/1']).subtract(AddressSet.fromCidrs(['ffff::1']));
    expect(v6.isWholeInternet(6)).toBe(false);
    expect(v6.size(6)).toBe(V6_MAX);
  });

  it('all() is whole for both versions, empty() for neither', () => {
    expect(AddressSet.all().isWholeInternet(4)).toBe(true);
    expect(AddressSet.all().isWholeInternet(6)).toBe(true);
    expect(AddressSet.all().toCidrs()).toEqual(['0.0.0.0/0', '::/0']);
    expect(AddressSet.empty().isWholeInternet(4)).toBe(false);
    expect(AddressSet.empty().isEmpty()).toBe(true);
    expect(AddressSet.all().complement().isEmpty()).toBe(true);
  });
});

describe('AddressSet membership and algebra', () => {
  const s = AddressSet.fromCidrs(['10.0.0.0/16', '2001:db8::/32']);

  it('containsIp takes text or a parsed address; versions never mix', () => {
    expect(s.containsIp('10.0.255.255')).toBe(true);
    expect(s.containsIp('10.1.0.0')).toBe(false);
    expect(s.containsIp('2001:db8:ffff::1')).toBe(true);
    expect(s.containsIp({ version: 4, value: 0x0a000001n })).toBe(true);
    expect(s.containsIp({ version: 6, value: 0x0a000001n })).toBe(false);
    expect(s.containsIp('::ffff:10.0.0.1')).toBe(false);
    expect(() => s.containsIp('10.0.0.300')).toThrow(NetParseError);
  });

  it('containsCidr and overlapsCidr', () => {
    expect(s.containsCidr('10.0.128.0/17')).toBe(true);
    expect(s.containsCidr(parseCidr('10.0.0.0/15'))).toBe(false);
    expect(s.overlapsCidr('10.0.0.0/15')).toBe(true);
    expect(s.overlapsCidr('11.0.0.0/8')).toBe(false);
    expect(s.containsCidr('2001:db8::/31')).toBe(false);
  });

  it('union / intersect / subtract / size per version', () => {
    const t = AddressSet.fromCidrs(['10.0.128.0/17', '192.168.0.0/16', '2001:db8:8000::/33']);
    expect(s.union(t).toCidrs()).toEqual(['10.0.0.0/16', '192.168.0.0/16', '2001:db8::/32']);
    expect(s.intersect(t).toCidrs()).toEqual(['10.0.128.0/17', '2001:db8:8000::/33']);
    expect(s.subtract(t).toCidrs()).toEqual(['10.0.0.0/17', '2001:db8::/33']);
    expect(s.size(4)).toBe(65536n);
    expect(s.size(6)).toBe(1n << 96n);
    expect(s.overlaps(t)).toBe(true);
    expect(s.containsSet(s.intersect(t))).toBe(true);
    expect(s.containsSet(t)).toBe(false);
    expect(AddressSet.fromCidr(parseCidr('2001:db8::/32')).v4.isEmpty()).toBe(true);
  });

  it('fromCidrs names the bad entry and its position', () => {
    expect(() => AddressSet.fromCidrs(['10.0.0.0/8', '10.0.0.0/33'])).toThrow(
      'entry 1: "10.0.0.0/33" has prefix "33", expected a number from 0 to 32 for IPv4',
    );
    expect(() => AddressSet.fromCidrs(['sg-123'])).toThrow(NetParseError);
  });

  it('toString lists the cover', () => {
    expect(s.toString()).toBe('10.0.0.0/16, 2001:db8::/32');
    expect(AddressSet.empty().toString()).toBe('(no addresses)');
  });
});
