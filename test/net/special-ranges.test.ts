import { describe, expect, it } from 'vitest';
import {
  documentation,
  isPrivateCidr,
  linkLocal,
  loopback,
  nonInternetAddresses,
  privateV4,
  sharedV4,
  uniqueLocalV6,
} from '../../src/net/special-ranges.js';
import { NetParseError } from '../../src/net/ip.js';

describe('special ranges', () => {
  it('hold the registry blocks', () => {
    expect(privateV4.toCidrs()).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    expect(sharedV4.toCidrs()).toEqual(['100.64.0.0/10']);
    expect(loopback.toCidrs()).toEqual(['127.0.0.0/8', '::1/128']);
    expect(linkLocal.toCidrs()).toEqual(['169.254.0.0/16', 'fe80::/10']);
    expect(uniqueLocalV6.toCidrs()).toEqual(['fc00::/7']);
    expect(documentation.toCidrs()).toEqual([
      '192.0.2.0/24',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '2001:db8::/32',
    ]);
    expect(nonInternetAddresses().toCidrs()).toEqual([
      '10.0.0.0/8',
      '100.64.0.0/10',
      '127.0.0.0/8',
      '169.254.0.0/16',
      '172.16.0.0/12',
      '192.168.0.0/16',
      '::1/128',
      'fc00::/7',
      'fe80::/10',
    ]);
  });

  it.each([
    ['10.0.0.0/8', true],
    ['10.1.2.3', true],
    ['172.31.255.0/24', true],
    ['172.32.0.0/16', false],
    ['172.15.255.255', false],
    ['192.168.0.0/15', false],
    ['10.0.0.0/7', false], // half of it is public
    ['100.64.0.0/10', true],
    ['100.128.0.0/10', false],
    ['169.254.169.254', true],
    ['127.0.0.1', true],
    ['fd00:ec2::254', true],
    ['fe80::1', true],
    ['::1', true],
    ['2001:db8::/32', false], // documentation ranges stand for public addresses in examples
    ['203.0.113.0/24', false],
    ['0.0.0.0/0', false],
    ['8.8.8.8', false],
    ['::/0', false],
  ])('isPrivateCidr(%s) → %s', (text, expected) => {
    expect(isPrivateCidr(text)).toBe(expected);
  });

  it('isPrivateCidr throws on bad input instead of guessing', () => {
    expect(() => isPrivateCidr('10.0.0.0/40')).toThrow(NetParseError);
  });
});
