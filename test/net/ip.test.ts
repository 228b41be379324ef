import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import {
  cidrContainsCidr,
  cidrContainsIp,
  cidrsOverlap,
  formatIp,
  NetParseError,
  normalizeCidr,
  parseCidr,
  parseIp,
  tryParseCidr,
  tryParseIp,
} from '../../src/net/ip.js';

describe('parseIp', () => {
  it.each([
    ['0.0.0.0', 4, 0n],
    ['10.0.0.1', 4, 0x0a000001n],
    ['255.255.255.255', 4, 0xffffffffn],
    [' 192.168.1.1 ', 4, 0xc0a80101n],
    ['::', 6, 0n],
    ['::1', 6, 1n],
    ['2001:DB8::1', 6, 0x20010db8000000000000000000000001n],
    ['2001:db8:0:0:0:0:0:1', 6, 0x20010db8000000000000000000000001n],
    ['0001:0db8::', 6, 0x00010db8000000000000000000000000n],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 6, (1n << 128n) - 1n],
    ['1::', 6, 1n << 112n],
    ['1:2:3:4:5:6:7::', 6, 0x00010002000300040005000600070000n],
    ['::2:3:4:5:6:7:8', 6, 0x00000002000300040005000600070008n],
    // IPv4-mapped IPv6 stays IPv6.
    ['::ffff:1.2.3.4', 6, 0xffff01020304n],
    ['::FFFF:102:304', 6, 0xffff01020304n],
    // IPv4-compatible (deprecated) is not mapped: ::1.2.3.4 is ::102:304 (ipaddr.js gets this wrong).
    ['::1.2.3.4', 6, 0x01020304n],
    ['64:ff9b::192.0.2.33', 6, 0x0064ff9b0000000000000000c0000221n],
    ['1:2:3:4:5:6:1.2.3.4', 6, 0x00010002000300040005000601020304n],
  ] as const)('%s → IPv%i %s', (text, version, value) => {
    expect(parseIp(text)).toEqual({ version, value });
  });

  it.each([
    '',
    '10.0.0',
    '10.0.0.256',
    '10.0.0.1.2',
    '10.1',
    '010.0.0.1', // leading zeros rejected: octal in inet_aton, decimal elsewhere
    '10.0.0.01',
    '0x0a.0.0.1',
    '-1.0.0.0',
    '10.0.0.1/32',
    '1.2.3.4:80',
    'fe80::1%eth0', // zone ids rejected
    'fe80::1%1',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::', // "::" must stand for at least one group
    '00000::',
    ':1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:',
    'g::',
    '::ffff:010.2.3.4',
    '::ffff:1.2.3',
    '1:2:3:4:5:6:7:1.2.3.4',
    ':1.2.3.4',
    'localhost',
  ])('rejects %j', (text) => {
    expect(tryParseIp(text)).toBeUndefined();
    expect(() => parseIp(text)).toThrow(NetParseError);
    expect(() => parseIp(text)).toThrow(`${JSON.stringify(text)} is not an IPv4 or IPv6 address`);
  });

  it('agrees with ipaddr.js on random IPv6 addresses written in full', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (value) => {
        const text = formatIp(6, value);
        expect(parseIp(text)).toEqual({ version: 6, value });
        const bytes = ipaddr.IPv6.parse(text).toByteArray();
        expect(bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n)).toBe(value);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatIp', () => {
  it.each([
    [4, 0n, '0.0.0.0'],
    [4, 0xc0a80001n, '192.168.0.1'],
    [6, 0n, '::'],
    [6, 1n, '::1'],
    [6, 0x20010db8000000000000000000000001n, '2001:db8::1'],
    // RFC 5952 §4.2.2: a single zero group is not compressed.
    [6, 0x20010db8000000010001000100010001n, '2001:db8:0:1:1:1:1:1'],
    // §4.2.3: the longest run wins; on a tie, the first.
    [6, 0x20010000000000010000000000000001n, '2001:0:0:1::1'],
    [6, 0x20010db8000000000001000000000001n, '2001:db8::1:0:0:1'],
    [6, 0x00010000000000000000000000000000n, '1::'],
    [6, 0xabcdef00000000000000000000000000n, 'abcd:ef00::'],
    // §5: IPv4-mapped addresses in mixed notation.
    [6, 0xffff0a000001n, '::ffff:10.0.0.1'],
  ] as const)('IPv%i %s → %s', (version, value, text) => {
    expect(formatIp(version, value)).toBe(text);
  });

  it('round-trips random IPv4 and IPv6 values', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (v4, raw) => {
        const version = v4 ? 4 : 6;
        const value = v4 ? raw & 0xffffffffn : raw;
        expect(parseIp(formatIp(version, value))).toEqual({ version, value });
      }),
      { numRuns: 300 },
    );
  });

  it('formats like ipaddr.js toRFC5952String outside the IPv4-mapped range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 0, 0, 1, 0xffff, 0xabc), { minLength: 8, maxLength: 8 }),
        (groups) => {
          fc.pre(!(groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff));
          const value = groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
          expect(formatIp(6, value)).toBe(
            ipaddr.IPv6.parse(groups.map((g) => g.toString(16)).join(':')).toRFC5952String(),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects values outside the version', () => {
    expect(() => formatIp(4, 1n << 32n)).toThrow(
      'address value 4294967296 is outside IPv4 (expected 0 to 4294967295)',
    );
    expect(() => formatIp(6, -1n)).toThrow('address value -1 is outside IPv6');
  });
});

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/16', 4, 0x0a000000n, 0x0a00ffffn, 16, '10.0.0.0/16'],
    ['10.0.0.5/8', 4, 0x0a000000n, 0x0affffffn, 8, '10.0.0.0/8'], // host bits cleared like AWS
    ['0.0.0.0/0', 4, 0n, 0xffffffffn, 0, '0.0.0.0/0'],
    ['1.2.3.4/0', 4, 0n, 0xffffffffn, 0, '0.0.0.0/0'],
    ['203.0.113.7', 4, 0xcb007107n, 0xcb007107n, 32, '203.0.113.7/32'], // bare IP = /32
    ['192.168.1.255/31', 4, 0xc0a801fen, 0xc0a801ffn, 31, '192.168.1.254/31'],
    ['2001:DB8::/32', 6, 0x20010db8n << 96n, (0x20010db8n << 96n) | ((1n << 96n) - 1n), 32, '2001:db8::/32'],
    [
      '2001:db8:1234::1/48',
      6,
      0x20010db81234n << 80n,
      (0x20010db81235n << 80n) - 1n,
      48,
      '2001:db8:1234::/48',
    ],
    ['::/0', 6, 0n, (1n << 128n) - 1n, 0, '::/0'],
    ['::1', 6, 1n, 1n, 128, '::1/128'], // bare IPv6 = /128
    ['::ffff:10.0.0.0/104', 6, 0xffff0a000000n, 0xffff0affffffn, 104, '::ffff:10.0.0.0/104'],
  ] as const)('%s', (text, version, first, last, prefix, normalized) => {
    expect(parseCidr(text)).toEqual({ version, first, last, prefix, text: normalized });
    expect(normalizeCidr(text)).toBe(normalized);
  });

  it.each([
    [
      '10.0.0.256/24',
      '"10.0.0.256/24" is not an IPv4 or IPv6 CIDR (expected e.g. 10.0.0.0/16 or 2001:db8::/32)',
    ],
    ['10.0.0.0/33', '"10.0.0.0/33" has prefix "33", expected a number from 0 to 32 for IPv4'],
    ['2001:db8::/129', '"2001:db8::/129" has prefix "129", expected a number from 0 to 128 for IPv6'],
    ['10.0.0.0/', '"10.0.0.0/" has prefix "", expected a number from 0 to 32 for IPv4'],
    ['10.0.0.0/08', '"10.0.0.0/08" has prefix "08", expected a number from 0 to 32 for IPv4'],
    ['10.0.0.0/-1', '"10.0.0.0/-1" has prefix "-1", expected a number from 0 to 32 for IPv4'],
    ['10.0.0.0/8/8', '"10.0.0.0/8/8" has prefix "8/8", expected a number from 0 to 32 for IPv4'],
    ['fe80::%eth0/64', '"fe80::%eth0/64" is not an IPv4 or IPv6 CIDR'],
    ['/8', '"/8" is not an IPv4 or IPv6 CIDR'],
    ['*', '"*" is not an IPv4 or IPv6 CIDR'],
  ])('rejects %j', (text, message) => {
    expect(tryParseCidr(text)).toBeUndefined();
    expect(() => parseCidr(text)).toThrow(NetParseError);
    expect(() => parseCidr(text)).toThrow(message);
  });

  it('NetParseError carries the input', () => {
    const err = (() => {
      try {
        parseCidr('nope');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(NetParseError);
    expect((err as NetParseError).input).toBe('nope');
    expect((err as NetParseError).name).toBe('NetParseError');
  });
});

describe('CIDR relations', () => {
  const c = parseCidr;
  it('cidrContainsIp checks version and bounds', () => {
    expect(cidrContainsIp(c('10.0.0.0/8'), 4, 0x0affffffn)).toBe(true);
    expect(cidrContainsIp(c('10.0.0.0/8'), 4, 0x0b000000n)).toBe(false);
    expect(cidrContainsIp(c('10.0.0.0/8'), 4, 0x09ffffffn)).toBe(false);
    // Same numeric value, other version: not contained.
    expect(cidrContainsIp(c('::/96'), 4, 0x0a000001n)).toBe(false);
    expect(cidrContainsIp(c('::ffff:0.0.0.0/96'), 4, 0x0a000001n)).toBe(false);
  });

  it('cidrContainsCidr', () => {
    expect(cidrContainsCidr(c('10.0.0.0/8'), c('10.1.0.0/16'))).toBe(true);
    expect(cidrContainsCidr(c('10.0.0.0/8'), c('10.0.0.0/8'))).toBe(true);
    expect(cidrContainsCidr(c('10.1.0.0/16'), c('10.0.0.0/8'))).toBe(false);
    expect(cidrContainsCidr(c('0.0.0.0/0'), c('::/128'))).toBe(false);
    expect(cidrContainsCidr(c('::/0'), c('2001:db8::/32'))).toBe(true);
  });

  it('cidrsOverlap', () => {
    expect(cidrsOverlap(c('10.0.0.0/8'), c('10.255.255.255'))).toBe(true);
    expect(cidrsOverlap(c('10.0.0.0/8'), c('11.0.0.0/8'))).toBe(false);
    expect(cidrsOverlap(c('0.0.0.0/1'), c('128.0.0.0/1'))).toBe(false);
    expect(cidrsOverlap(c('0.0.0.0/0'), c('::/0'))).toBe(false);
    expect(cidrsOverlap(c('2001:db8::/32'), c('2001:db8:ffff::/48'))).toBe(true);
  });
});
