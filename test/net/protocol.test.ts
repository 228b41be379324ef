import { describe, expect, it } from 'vitest';
import { ICMP, ICMPV6, parseProtocol, portsApply, protocolName, TCP, UDP } from '../../src/net/protocol.js';
import { NetParseError } from '../../src/net/ip.js';

describe('parseProtocol', () => {
  it.each([
    ['-1', 'all'],
    [-1, 'all'],
    ['all', 'all'],
    ['ALL', 'all'],
    ['tcp', 6],
    ['TCP', 6],
    ['udp', 17],
    ['icmp', 1],
    ['ICMPv6', 58],
    ['6', 6],
    ['17', 17],
    ['1', 1],
    ['58', 58],
    ['0', 0],
    ['255', 255],
    [47, 47],
    [' tcp ', 6],
  ] as const)('%j → %j', (text, expected) => {
    expect(parseProtocol(text)).toBe(expected);
  });

  it.each([
    [
      '256',
      'protocol "256" is not valid (expected -1, all, tcp, udp, icmp, icmpv6 or a protocol number 0-255)',
    ],
    ['-2', 'protocol "-2" is not valid'],
    ['06', 'protocol "06" is not valid'],
    ['sctp', 'protocol "sctp" is not valid'],
    ['', 'protocol "" is not valid'],
    [256, 'protocol 256 is not valid'],
    [1.5, 'protocol 1.5 is not valid'],
  ] as const)('rejects %j', (text, message) => {
    expect(() => parseProtocol(text)).toThrow(NetParseError);
    expect(() => parseProtocol(text)).toThrow(message);
  });

  it('constants, names and where ports apply', () => {
    expect([TCP, UDP, ICMP, ICMPV6]).toEqual([6, 17, 1, 58]);
    expect(protocolName(6)).toBe('tcp');
    expect(protocolName(58)).toBe('icmpv6');
    expect(protocolName('all')).toBe('all');
    expect(protocolName(47)).toBe('47');
    expect(portsApply(TCP)).toBe(true);
    expect(portsApply(UDP)).toBe(true);
    expect(portsApply(ICMP)).toBe(false);
    expect(portsApply(ICMPV6)).toBe(false);
    expect(portsApply('all')).toBe(false);
    expect(portsApply(47)).toBe(false);
  });
});
