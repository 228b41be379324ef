// Access scopes (Network Access Analyzer JSON) on scenario snapshots: the AWS documentation's
// example scopes and the perimeter ServiceStatement extension. Each scope file names its source.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildEstate, type RawDocument } from '../../src/estate/build.js';
import { runAccessScope, ScopeError } from '../../src/reach/scope.js';

const dir = join('test', 'scenarios', 'reach');
const scopesDir = join(dir, 'scopes');

interface ScopeCase {
  description: string;
  source: string;
  snapshot: string;
  scope: unknown;
  expect: { path: string[]; protocol: string; ports: [number, number][]; destination: string[] }[];
}

function estateOf(file: string) {
  return buildEstate(
    (parse(readFileSync(join(dir, file), 'utf8')) as { documents: RawDocument[] }).documents,
  );
}

describe.each(
  readdirSync(scopesDir)
    .filter((f) => f.endsWith('.json'))
    .sort(),
)('scope %s', (file) => {
  const c = JSON.parse(readFileSync(join(scopesDir, file), 'utf8')) as ScopeCase;
  it('finds exactly the expected paths', () => {
    expect(c.source.length).toBeGreaterThan(10);
    const r = runAccessScope(estateOf(c.snapshot), c.scope);
    const got = r.AnalysisFindings.map((f) => ({
      path: f.FindingComponents.map((x) => x.Component.Id),
      protocol: f.FindingComponents[0]!.OutboundHeader!.Protocol,
      ports: f.FindingComponents[0]!.OutboundHeader!.DestinationPortRanges!.map((p) => [p.From, p.To]),
      destination: f.FindingComponents[0]!.OutboundHeader!.DestinationAddresses,
    }));
    const key = (x: { path: string[] }) => x.path.join('>');
    expect([...got].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [...c.expect].sort((a, b) => key(a).localeCompare(key(b))),
    );
  });
});

describe('scope output shape', () => {
  it('numbers components from 1, gives EC2 ARNs and stable finding ids', () => {
    const estate = estateOf('public-ipv4-ipv6.yaml');
    const scope = {
      MatchPaths: [{ Source: { ResourceStatement: { ResourceTypes: ['AWS::EC2::InternetGateway'] } } }],
    };
    const a = runAccessScope(estate, scope);
    const b = runAccessScope(estate, scope);
    expect(a).toEqual(b);
    const f = a.AnalysisFindings[0]!;
    expect(f.FindingId).toMatch(/^AnalysisFinding-[0-9a-f]{24}$/);
    expect(f.NetworkInsightsAccessScopeId).toBe('nsis-perimeter-local');
    expect(f.FindingComponents.map((x) => x.SequenceNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(f.FindingComponents[0]!.Component).toEqual({
      Id: 'igw-1',
      Arn: 'arn:aws:ec2:us-east-1:111111111111:internet-gateway/igw-1',
    });
  });

  it('rejects malformed scopes with the problem named', () => {
    const estate = estateOf('public-ipv4-ipv6.yaml');
    expect(() => runAccessScope(estate, { MatchPath: [] })).toThrow(ScopeError);
    expect(() => runAccessScope(estate, { MatchPath: [] })).toThrow(/unknown key "MatchPath"/);
    expect(() =>
      runAccessScope(estate, {
        MatchPaths: [{ Destination: { PacketHeaderStatement: { DestinationPorts: ['80-70'] } } }],
      }),
    ).toThrow(/port range "80-70" is not valid/);
  });
});
