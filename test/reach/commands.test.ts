// The exposure, egress, trace and scope commands end to end through main(): documented JSON shapes,
// exit codes (2 for usage errors), results on stdout only.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDirs, writeFileIn } from '../support/temp-dir.js';

const fixture = join('..', 'shared', 'fixtures', 'batfish-aws', 'test-nat-gateway');
const tempDir = tempDirs('scope');
const trace = (from: string, to: string, ...rest: string[]) =>
  runCli(['trace', fixture, '--from', from, '--to', to, ...rest]);

describe('reach commands', () => {
  it('exposure --format json has exactly the documented keys', async () => {
    const run = await runCli(['exposure', fixture, '--format', 'json']);
    expect(run.code).toBe(0);
    const j = JSON.parse(run.stdout) as { exposures: Record<string, unknown>[] };
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
    const run = await runCli(['egress', fixture, '--format', 'json']);
    expect(run.code).toBe(0);
    const j = JSON.parse(run.stdout) as {
      egress: { subnetId: string; ipv4: { kind: string; sourceIps?: string[] } }[];
    };
    const s1 = j.egress.find((e) => e.subnetId === 'subnet-06f469bcee42e408e')!;
    expect(s1.ipv4).toMatchObject({ kind: 'nat', sourceIps: ['3.135.127.225'] });
  });

  it('trace --format json: disposition, hops, blockedBy', async () => {
    const run = await trace('i-0a128d26e59be60f3', '8.8.8.8', '--protocol', '107', '--format', 'json');
    expect(run.code).toBe(0);
    const j = JSON.parse(run.stdout) as {
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
    const noSuch = await trace('i-nope', 'internet');
    expect(noSuch.code).toBe(2);
    expect(noSuch.stderr).toContain('--from i-nope: no such instance');
    const noPort = await trace('internet', '3.135.127.225', '--protocol', 'tcp');
    expect(noPort.code).toBe(2);
    expect(noPort.stderr).toContain('--port is required with tcp');
    expect(noSuch.stdout + noPort.stdout).toBe('');
  });

  it('scope reads an access scope and prints AnalysisFindings', async () => {
    const dir = tempDir();
    const file = writeFileIn(dir, 'scope.json', {
      MatchPaths: [{ Source: { ResourceStatement: { ResourceTypes: ['AWS::EC2::InternetGateway'] } } }],
    });
    const run = await runCli(['scope', fixture, file]);
    expect(run.code).toBe(0);
    const j = JSON.parse(run.stdout) as {
      AnalysisFindings: { FindingComponents: { Component: { Id: string } }[] }[];
    };
    expect(j.AnalysisFindings).toHaveLength(2);
    expect(
      j.AnalysisFindings.every((f) => f.FindingComponents[0]!.Component.Id === 'igw-071753b9c23d8a9b2'),
    ).toBe(true);
    writeFileIn(dir, 'scope.json', '{"MatchPaths": 3}');
    const bad = await runCli(['scope', fixture, file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('MatchPaths must be an array');
  });
});
