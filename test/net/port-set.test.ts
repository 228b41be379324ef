import { describe, expect, it } from 'vitest';
import { allPorts, ephemeralPorts, formatPortSet, portSetFromAws } from '../../src/net/port-set.js';
import { IntervalSet } from '../../src/net/interval-set.js';
import { NetParseError } from '../../src/net/ip.js';

describe('port sets', () => {
  it('constants', () => {
    expect(allPorts.ranges()).toEqual([[0, 65535]]);
    expect(ephemeralPorts.ranges()).toEqual([[1024, 65535]]);
  });

  it.each([
    [undefined, undefined, '0-65535'],
    [-1, -1, '0-65535'],
    [22, 22, '22'],
    [80, 443, '80-443'],
    [0, 65535, '0-65535'],
  ])('portSetFromAws(%s, %s) → %s', (from, to, expected) => {
    expect(formatPortSet(portSetFromAws(from, to))).toBe(expected);
  });

  it.each([
    [22, undefined, 'port range FromPort 22, ToPort undefined gives only one end'],
    [-1, 80, 'port range FromPort -1, ToPort 80 gives only one end'],
    [443, 80, 'port range FromPort 443, ToPort 80 is reversed (expected FromPort <= ToPort)'],
    [81, 80, 'port range FromPort 81, ToPort 80 is reversed (expected FromPort <= ToPort)'],
    [0, 65536, 'port 65536 in FromPort 0, ToPort 65536 is not valid (expected an integer 0-65535)'],
    [1.5, 2, 'port 1.5 in FromPort 1.5, ToPort 2 is not valid'],
  ])('portSetFromAws(%s, %s) throws', (from, to, message) => {
    expect(() => portSetFromAws(from, to)).toThrow(NetParseError);
    expect(() => portSetFromAws(from, to)).toThrow(message);
  });

  it('formatPortSet', () => {
    const s = IntervalSet.fromRanges([
      [443, 443],
      [22, 22],
      [80, 90],
      [91, 100],
    ]);
    expect(formatPortSet(s)).toBe('22, 80-100, 443');
    expect(formatPortSet(IntervalSet.empty())).toBe('none');
  });
});
