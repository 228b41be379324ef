import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { snapshotDirs, tempDirs, writeFileIn } from '../support/temp-dir.js';

const publicSubnet = '../shared/fixtures/batfish-aws/test-public-subnet';

const snapshot = snapshotDirs('cli');

const vpcs = JSON.stringify({
  Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', OwnerId: '111122223333', State: 'available' }],
});

describe('perimeter scan', () => {
  it('prints JSON findings for a Batfish snapshot and exits 0 without --fail-on', async () => {
    const r = await runCli(['scan', publicSubnet, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      findings: { ruleId: string; resource: { id: string } }[];
      checksRun: string[];
    };
    expect(out.findings.some((f) => f.ruleId === 'sg-world-open-admin-port')).toBe(true);
    expect(out.checksRun).toContain('sg-world-open-admin-port');
  });

  it('exits 1 when a finding is at or above --fail-on, 0 when all are below', async () => {
    // SSH open to the world on a public host: critical findings.
    expect((await runCli(['scan', publicSubnet, '--fail-on', 'critical', '--format', 'json'])).code).toBe(1);
    const withoutExposureChecks = await runCli([
      'scan',
      publicSubnet,
      '--fail-on',
      'critical',
      '--format',
      'json',
      '--config',
      writeIntent('checks:\n  disabled: [internet-exposed, sg-world-open-admin-port]\n'),
    ]);
    expect(withoutExposureChecks.code).toBe(0);
  });

  it('exits 2 on a bad flag value, naming it and the allowed values', async () => {
    const r = await runCli(['scan', publicSubnet, '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format "xml" is not supported (expected one of: text, json, sarif, html)');
    const s = await runCli(['scan', publicSubnet, '--fail-on', 'severe']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('--fail-on "severe" is not a severity');
  });

  it('exits 2 for a missing snapshot path', async () => {
    const r = await runCli(['scan', '/nonexistent/snapshot']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/snapshot: snapshot not found');
  });

  it('exits 2 for an empty directory', async () => {
    const r = await runCli(['inventory', snapshot({})]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no AWS data/i);
  });

  it('reports every bad file in one run: a non-JSON file and a wrong type deep inside a resource', async () => {
    const dir = snapshot({
      'us-east-1/vpcs.json': vpcs,
      'us-east-1/broken.json': '{"Subnets": [',
      'us-east-1/subnets.json': JSON.stringify({
        Subnets: [{ SubnetId: 'subnet-1', VpcId: 'vpc-1', CidrBlock: 42 }],
      }),
    });
    const r = await runCli(['inventory', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('broken.json');
    expect(r.stderr).toContain('subnets.json: $.Subnets[0].CidrBlock');
    expect(r.stderr).toContain('42');
    expect(r.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/); // no stack trace
  });

  it('warns about an unknown top-level key but still loads (exit 0)', async () => {
    const dir = snapshot({
      'us-east-1/vpcs.json': vpcs,
      'us-east-1/odd.json': JSON.stringify({ Widgets: [] }),
    });
    const r = await runCli(['inventory', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Widgets');
    expect((JSON.parse(r.stdout) as { totals: Record<string, number> }).totals.vpcs).toBe(1);
  });

  it('exits 2 with the path for an invalid intent file', async () => {
    const r = await runCli([
      'scan',
      publicSubnet,
      '--config',
      writeIntent('suppressions:\n  - ruleId: x\n    resource: y\n'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('$.suppressions[0].reason');
  });
});

const intentDir = tempDirs('intent');
function writeIntent(text: string): string {
  return writeFileIn(intentDir(), 'perimeter.yaml', text);
}

describe('perimeter inventory', () => {
  it('counts a Batfish snapshot by account, region and type', async () => {
    const r = await runCli([
      'inventory',
      '../shared/fixtures/batfish-aws/test-nat-gateway',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const inv = JSON.parse(r.stdout) as {
      rows: { accountId: string; region: string; counts: Record<string, number> }[];
    };
    expect(inv.rows).toEqual([
      {
        accountId: '554773406868',
        region: 'us-east-2',
        counts: {
          instances: 3,
          'internet-gateways': 1,
          'nat-gateways': 1,
          'network-acls': 2,
          'network-interfaces': 4,
          'route-tables': 3,
          'security-groups': 3,
          subnets: 3,
          vpcs: 1,
        },
      },
    ]);
  });
});
