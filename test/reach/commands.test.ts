// The exposure, egress, trace and scope commands end to end through main(): documented JSON shapes,
// exit codes (2 for usage errors), results on stdout only.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const fixture = join('..', 'shared', 'fixtures', 'batfish-aws', 'test-nat-gateway');
let out = '';
let err = '';

beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('reach commands', () => {
  it('exposure --format json has exactly the documented keys', async () => {
    expect(await main(['exposure', fixture, '--format', 'json'])).toBe(0);
    const j = JSON.parse(out) as { exposures: Record<string, unknown>[] };
    expect(Object.keys(j)).toEqual(['exposures']);
    expect(j.exposures.map((e) => Object.keys(e))).toEqual(
      j.exposures.map(() => [
        'resourceId',
        'resourceType',
        'accountId',
        'region',
        'vpcId',
        'address',
        'ipVersion',
        'protocol',
        'ports',
        'via',
      ]),
    );
    expect(j.exposures.map((e) => [e.resourceId, e.protocol, e.ports])).toEqual([
      ['i-0b31b509174d7f5de', 'icmp', [{ from: 8, to: 8 }]],
      ['i-0b31b509174d7f5de', 'tcp', [{ from: 22, to: 22 }]],
    ]);
  });

  it('egress --format json gives the NAT with its public source address', async () => {
    expect(await main(['egress', fixture, '--format', 'json'])).toBe(0);
    const j = JSON.parse(out) as {
      egress: { subnetId: string; ipv4: { kind: string; sourceIps?: string[] } }[];
    };
    const s1 = j.egress.find((e) => e.subnetId === 'subnet-06f469bcee42e408e')!;
    expect(s1.ipv4).toMatchObject({ kind: 'nat', sourceIps: ['3.135.127.225'] });
  });

  it('trace --format json: disposition, hops, blockedBy', async () => {
    expect(
      await main([
        'trace',
        fixture,
        '--from',
        'i-0a128d26e59be60f3',
        '--to',
        '8.8.8.8',
        '--protocol',
        '107',
        '--format',
        'json',
      ]),
    ).toBe(0);
    const j = JSON.parse(out) as {
      disposition: string;
      hops: string[];
      blockedBy: { kind: string; id: string }[];
    };
    expect(j.disposition).toBe('denied-in');
    expect(j.hops).toEqual([
      'i-0a128d26e59be60f3',
      'subnet-06f469bcee42e408e',
      'vpc-0008a7b45e3ddf1dd',
      'nat-07ab4846da51f4612',
    ]);
    expect(j.blockedBy).toMatchObject([{ kind: 'nat-gateway', id: 'nat-07ab4846da51f4612' }]);
  });

  it('trace usage errors exit 2 and name the problem', async () => {
    expect(await main(['trace', fixture, '--from', 'i-nope', '--to', 'internet'])).toBe(2);
    expect(err).toContain('--from i-nope: no such instance');
    err = '';
    expect(
      await main(['trace', fixture, '--from', 'internet', '--to', '3.135.127.225', '--protocol', 'tcp']),
    ).toBe(2);
    expect(err).toContain('--port is required with tcp');
    expect(out).toBe('');
  });

  it('scope reads an access scope and prints AnalysisFindings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perimeter-scope-'));
    const file = join(dir, 'scope.json');
    writeFileSync(
      file,
      JSON.stringify({
        MatchPaths: [{ Source: { ResourceStatement: { ResourceTypes: ['AWS::EC2::InternetGateway'] } } }],
      }),
    );
    expect(await main(['scope', fixture, file])).toBe(0);
    const j = JSON.parse(out) as {
      AnalysisFindings: { FindingComponents: { Component: { Id: string } }[] }[];
    };
    expect(j.AnalysisFindings).toHaveLength(2);
    expect(
      j.AnalysisFindings.every((f) => f.FindingComponents[0]!.Component.Id === 'igw-071753b9c23d8a9b2'),
    ).toBe(true);
    writeFileSync(file, '{"MatchPaths": 3}');
    out = '';
    expect(await main(['scope', fixture, file])).toBe(2);
    expect(err).toContain('MatchPaths must be an array');
  });
});
