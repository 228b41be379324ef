// `perimeter scope [SNAPSHOT] SCOPE.json` (NAA AnalysisFindings shape) and `perimeter inventory`.
import { beforeAll, describe, expect, it } from 'vitest';
import { demoIds } from '../examples/demo-expected.js';
import {
  demoDir,
  expectExactKeys,
  expectUsageError,
  extraKeys,
  fixture,
  isRecord,
  parseStdout,
  run,
  type CliRun,
} from './helpers.js';

interface PathComponent {
  SequenceNumber: number;
  Component: { Id: string; Arn?: string };
}
interface AnalysisFinding {
  NetworkInsightsAccessScopeAnalysisId: string;
  NetworkInsightsAccessScopeId: string;
  FindingId: string;
  FindingComponents: PathComponent[];
}

/** PathComponent members in the EC2 API (GetNetworkInsightsAccessScopeAnalysisFindings). */
const pathComponentKeys = [
  'SequenceNumber',
  'AclRule',
  'AttachedTo',
  'Component',
  'DestinationVpc',
  'OutboundHeader',
  'InboundHeader',
  'RouteTableRoute',
  'SecurityGroupRule',
  'SourceVpc',
  'Subnet',
  'Vpc',
  'AdditionalDetails',
  'TransitGateway',
  'TransitGatewayRouteTableRoute',
  'Explanations',
  'ElasticLoadBalancerListener',
  'FirewallStatelessRule',
  'FirewallStatefulRule',
  'ServiceName',
];

describe('contract: scope', () => {
  const scopeFile = fixture('scope-igw-ingress.json');
  let r1: CliRun;
  let r2: CliRun;
  let findings: AnalysisFinding[];
  beforeAll(async () => {
    r1 = await run(['scope', demoDir, scopeFile]);
    r2 = await run(['scope', demoDir, scopeFile]);
    const out = parseStdout<{ AnalysisFindings: AnalysisFinding[] }>(r1);
    expectExactKeys(out, ['AnalysisFindings']);
    findings = out.AnalysisFindings;
  });

  it('scope SCOPE.json alone uses the demo estate: same answer as scope examples/demo SCOPE.json', async () => {
    const alone = await run(['scope', scopeFile]);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toBe(r1.stdout);
  });

  it('scope SNAPSHOT SCOPE.json: exit 0, {"AnalysisFindings": [...]} in the NAA shape', () => {
    expect(r1.code).toBe(0);
    expect(r1.stderr).toBe('');
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expectExactKeys(f, [
        'NetworkInsightsAccessScopeAnalysisId',
        'NetworkInsightsAccessScopeId',
        'FindingId',
        'FindingComponents',
      ]);
      expect(f.NetworkInsightsAccessScopeAnalysisId).toMatch(/^nsaa-/);
      expect(f.NetworkInsightsAccessScopeId).toMatch(/^nsis-/);
      expect(f.FindingComponents.length).toBeGreaterThan(0);
      f.FindingComponents.forEach((c, i) => {
        expect(extraKeys(c, ['SequenceNumber', 'Component'], pathComponentKeys)).toEqual([]);
        expect(c.SequenceNumber).toBe(i + 1);
        expect(isRecord(c.Component)).toBe(true);
        expect(typeof c.Component.Id).toBe('string');
      });
    }
    const ids = findings.map((f) => f.FindingId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('IGW → ENI finds the SSH box: the path starts at the IGW and reaches its ENI', () => {
    const ssh = findings.find((f) =>
      f.FindingComponents.some((c) => c.Component.Id === 'eni-00b7e3bf848aba8d3'),
    );
    expect(ssh).toBeDefined();
    expect(ssh!.FindingComponents[0]!.Component.Id).toBe(demoIds.igw.sandbox);
  });

  it('two runs print identical bytes', () => {
    expect(r2.stdout).toBe(r1.stdout);
  });

  it('a scope file that is not JSON → exit 2 naming the file', async () => {
    expectUsageError(await run(['scope', demoDir, fixture('not-json.txt')]), 'not-json.txt');
  });

  it('a JSON file that is not an access scope → exit 2 naming the file and the key', async () => {
    const r = await run(['scope', demoDir, fixture('policy-identity.json')]);
    expectUsageError(r, 'policy-identity.json');
    expect(r.stderr).toContain('Version');
  });

  it('a missing scope file → exit 2 naming it', async () => {
    expectUsageError(await run(['scope', demoDir, fixture('no-such-scope.json')]), 'no-such-scope.json');
  });
});

describe('contract: inventory', () => {
  let r1: CliRun;
  let r2: CliRun;
  let inv: {
    rows: { accountId: string; region: string; counts: Record<string, number> }[];
    totals: Record<string, number>;
    accounts: { id: string }[];
    problems: unknown[];
  };
  beforeAll(async () => {
    r1 = await run(['inventory', '--format', 'json']);
    r2 = await run(['inventory', '--format', 'json']);
    inv = parseStdout(r1);
  });

  it('exit 0, JSON with per account/region counts, totals and what could not be loaded', () => {
    expect(r1.code).toBe(0);
    expect(r1.stderr).toBe('');
    expect(Array.isArray(inv.rows)).toBe(true);
    for (const row of inv.rows) {
      expect(typeof row.accountId).toBe('string');
      expect(typeof row.region).toBe('string');
      for (const n of Object.values(row.counts)) expect(Number.isInteger(n)).toBe(true);
    }
    expect(Array.isArray(inv.problems)).toBe(true);
  });

  it('the demo estate\'s counts (examples/demo/README.md "Inventory")', () => {
    expect(inv.accounts).toHaveLength(5);
    expect(inv.totals).toMatchObject({
      vpcs: 6,
      subnets: 22,
      'route-tables': 13,
      'internet-gateways': 3,
      'egress-only-internet-gateways': 1,
      'nat-gateways': 1,
      'network-acls': 7,
      'security-groups': 17,
      'network-interfaces': 23,
      instances: 9,
      'elastic-ips': 1,
      'peering-connections': 3,
      'vpc-endpoints': 2,
      'transit-gateways': 1,
      'transit-gateway-attachments': 3,
      'transit-gateway-route-tables': 2,
      'load-balancers': 1,
      listeners: 1,
      'target-groups': 1,
      'db-instances': 1,
      'iam-roles': 9,
      'iam-managed-policies': 3,
      'instance-profiles': 4,
      'hosted-zones': 2,
    });
    expect(inv.problems).toEqual([]);
  });

  it('the totals are the sums of the rows', () => {
    const sums: Record<string, number> = {};
    for (const row of inv.rows) for (const [k, n] of Object.entries(row.counts)) sums[k] = (sums[k] ?? 0) + n;
    for (const [k, n] of Object.entries(sums)) expect(inv.totals[k], k).toBe(n);
  });

  it('rows, accounts and igwPrevention sorted by account (rows then region)', () => {
    const keys = inv.rows.map((r) => `${r.accountId} ${r.region}`);
    expect(keys).toEqual([...keys].sort());
    const accounts = inv.accounts.map((a) => a.id);
    expect(accounts).toEqual([...accounts].sort());
    const igw = (inv as unknown as { igwPrevention?: { accountId: string }[] }).igwPrevention?.map(
      (p) => p.accountId,
    );
    expect(igw).toEqual([...(igw ?? [])].sort());
  });

  it('two runs print identical bytes; text format too', async () => {
    expect(r2.stdout).toBe(r1.stdout);
    const a = await run(['inventory']);
    const b = await run(['inventory']);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain(demoIds.accounts.hub);
    expect(b.stdout).toBe(a.stdout);
  });
});
