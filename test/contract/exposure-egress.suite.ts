// `perimeter exposure --format json` and `perimeter egress --format json`: the exact DESIGN.md shapes,
// sorted and merged lists, determinism, and the demo estate's expected answers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoIds, expectedEgress, expectedExposures } from '../examples/demo-expected.js';
import {
  cmp,
  expectExactKeys,
  expectSortedBy,
  extraKeys,
  isRecord,
  makeSnapshot,
  parseStdout,
  run,
  sharedFixture,
  type CliRun,
} from './helpers.js';

interface Exposure {
  resourceId: string;
  resourceType: string;
  accountId: string;
  region: string;
  vpcId: string;
  address: string;
  ipVersion: number;
  protocol: string;
  ports: { from: number; to: number }[];
  via: string[];
}

interface EgressPath {
  kind: string;
  path: string[];
}
interface Egress {
  subnetId: string;
  vpcId: string;
  accountId: string;
  region: string;
  ipv4: EgressPath;
  ipv6: EgressPath;
}

const exposureKeys = [
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
];

describe('contract: exposure --format json', () => {
  let r1: CliRun;
  let r2: CliRun;
  let list: Exposure[];
  beforeAll(async () => {
    r1 = await run(['exposure', '--format', 'json']);
    r2 = await run(['exposure', '--format', 'json']);
    const out = parseStdout<{ exposures: Exposure[] }>(r1);
    expectExactKeys(out, ['exposures']);
    list = out.exposures;
  });

  it('exits 0; stdout is exactly {"exposures": [...]}; stderr empty', () => {
    expect(r1.code).toBe(0);
    expect(Array.isArray(list)).toBe(true);
    expect(r1.stderr).toBe('');
  });

  it('each exposure has exactly the documented keys with the documented types', () => {
    expect(list.length).toBeGreaterThan(0);
    for (const e of list) {
      expectExactKeys(e, exposureKeys);
      for (const k of [
        'resourceId',
        'resourceType',
        'accountId',
        'region',
        'vpcId',
        'address',
        'protocol',
      ] as const)
        expect(typeof e[k], k).toBe('string');
      expect([4, 6]).toContain(e.ipVersion);
      expect(Array.isArray(e.via)).toBe(true);
      for (const v of e.via) expect(typeof v).toBe('string');
      expect(e.ports.length).toBeGreaterThan(0);
      for (const p of e.ports) {
        expectExactKeys(p, ['from', 'to']);
        expect(Number.isInteger(p.from) && Number.isInteger(p.to)).toBe(true);
        expect(p.from).toBeLessThanOrEqual(p.to);
      }
    }
  });

  it('ports are merged and sorted: ascending, no overlaps, no adjacent ranges', () => {
    for (const e of list) {
      for (let i = 1; i < e.ports.length; i++) {
        expect(e.ports[i]!.from, `${e.resourceId} ${JSON.stringify(e.ports)}`).toBeGreaterThan(
          e.ports[i - 1]!.to + 1,
        );
      }
    }
  });

  it('the list is sorted (account, region, vpc, resource, address, ip version, protocol) with no duplicates', () => {
    expectSortedBy(list, (e) => [
      e.accountId,
      e.region,
      e.vpcId,
      e.resourceId,
      e.address,
      e.ipVersion,
      e.protocol,
    ]);
    const keys = list.map((e) => `${e.resourceId} ${e.address} ${e.ipVersion} ${e.protocol}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('two runs print identical bytes', () => {
    expect(r2.stdout).toBe(r1.stdout);
  });

  it("the demo estate's expected exposures (examples/demo/README.md)", () => {
    const got = list
      .map((e) => ({
        resourceId: e.resourceId,
        resourceType: e.resourceType,
        address: e.address,
        protocol: e.protocol,
        ports: e.ports,
      }))
      .sort((a, b) => cmp(a.resourceId, b.resourceId) || cmp(a.address, b.address));
    const want = [...expectedExposures].sort(
      (a, b) => cmp(a.resourceId, b.resourceId) || cmp(a.address, b.address),
    );
    expect(got).toEqual(want);
  });

  it('via starts at the internet gateway and names the security group that lets the traffic in', () => {
    const ssh = list.find((e) => e.resourceId === demoIds.instances.sshBox)!;
    expect(ssh.via[0]).toBe(demoIds.igw.sandbox);
    expect(ssh.via).toContain(demoIds.securityGroups.sandboxSsh);
    expect(ssh.accountId).toBe(demoIds.accounts.sandbox);
    expect(ssh.vpcId).toBe(demoIds.vpcs.sandbox);
  });

  it('text format exits 0 and is deterministic', async () => {
    const a = await run(['exposure']);
    const b = await run(['exposure']);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain(demoIds.instances.sshBox);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('contract: egress --format json', () => {
  let r1: CliRun;
  let r2: CliRun;
  let list: Egress[];
  beforeAll(async () => {
    r1 = await run(['egress', '--format', 'json']);
    r2 = await run(['egress', '--format', 'json']);
    const out = parseStdout<{ egress: Egress[] }>(r1);
    expectExactKeys(out, ['egress']);
    list = out.egress;
  });

  it('exits 0; stdout is exactly {"egress": [...]}; stderr empty', () => {
    expect(r1.code).toBe(0);
    expect(Array.isArray(list)).toBe(true);
    expect(r1.stderr).toBe('');
  });

  it('each subnet has exactly {subnetId, vpcId, accountId, region, ipv4, ipv6}', () => {
    for (const e of list) {
      expectExactKeys(e, ['subnetId', 'vpcId', 'accountId', 'region', 'ipv4', 'ipv6']);
      expect(e.subnetId).toMatch(/^subnet-/);
      expect(e.vpcId).toMatch(/^vpc-/);
    }
  });

  it('ipv4 / ipv6: {kind ∈ igw nat eigw none, path: [ids]} (extra keys only sourceIps, notes)', () => {
    for (const e of list) {
      for (const p of [e.ipv4, e.ipv6]) {
        expect(isRecord(p)).toBe(true);
        // Reported, not wrong: egress adds `sourceIps` (NAT public addresses) and `notes`.
        expect(extraKeys(p, ['kind', 'path'], ['sourceIps', 'notes'])).toEqual([]);
        expect(['igw', 'nat', 'eigw', 'none']).toContain(p.kind);
        expect(Array.isArray(p.path)).toBe(true);
        for (const id of p.path) expect(typeof id).toBe('string');
      }
    }
  });

  it('the path ends at the gateway its kind names', () => {
    const prefix: Record<string, string> = { igw: 'igw-', eigw: 'eigw-' };
    for (const e of list) {
      for (const p of [e.ipv4, e.ipv6]) {
        if (p.kind === 'igw' || p.kind === 'eigw')
          expect(p.path.at(-1)).toMatch(new RegExp(`^${prefix[p.kind]}`));
        if (p.kind === 'nat') expect(p.path.some((id) => id.startsWith('nat-'))).toBe(true);
      }
    }
  });

  it('sorted by (account, region, vpc, subnet), one entry per subnet', () => {
    expectSortedBy(list, (e) => [e.accountId, e.region, e.vpcId, e.subnetId]);
    expect(new Set(list.map((e) => e.subnetId)).size).toBe(list.length);
  });

  it('two runs print identical bytes', () => {
    expect(r2.stdout).toBe(r1.stdout);
  });

  it("the demo estate's expected kinds for every subnet (examples/demo/README.md)", () => {
    const got = Object.fromEntries(list.map((e) => [e.subnetId, [e.ipv4.kind, e.ipv6.kind]]));
    expect(got).toEqual(expectedEgress);
  });

  it('a NAT reached through the transit gateway is `nat`, with the tgw id and the NAT in the path', () => {
    const prodApp = list.find((e) => e.subnetId === 'subnet-0b2608334937d41b1')!;
    expect(prodApp.accountId).toBe(demoIds.accounts.prod);
    expect(prodApp.ipv4.kind).toBe('nat');
    expect(prodApp.ipv4.path).toContain(demoIds.tgw);
    expect(prodApp.ipv4.path).toContain(demoIds.nat);
    expect(prodApp.ipv4.path.indexOf(demoIds.tgw)).toBeLessThan(prodApp.ipv4.path.indexOf(demoIds.nat));
    // local NAT (no tgw): no tgw id in the path
    const hubAttach = list.find((e) => e.subnetId === 'subnet-04d4550bb60f43d8a')!;
    expect(hubAttach.ipv4.kind).toBe('nat');
    expect(hubAttach.ipv4.path).not.toContain(demoIds.tgw);
  });

  it('dual-stack subnet: IPv6 leaves through the egress-only internet gateway', () => {
    const ds = list.find((e) => e.subnetId === 'subnet-03439290986df2bea')!;
    expect(ds.ipv6.kind).toBe('eigw');
    expect(ds.ipv6.path).toContain(demoIds.eigw);
  });

  it('text format exits 0 and is deterministic', async () => {
    const a = await run(['egress']);
    const b = await run(['egress']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('contract: exposure ports are merged across rules (real CIDR arithmetic)', () => {
  it('overlapping and adjacent tcp ranges from split halves of the internet merge into one range per run', async () => {
    const src = sharedFixture('batfish-aws/test-public-subnet/aws_configs');
    const files: Record<string, unknown> = {};
    for (const name of readdirSync(src)) files[name] = readFileSync(join(src, name), 'utf8');
    const sgs = JSON.parse(files['SecurityGroups.json'] as string) as {
      SecurityGroups: { GroupId: string; IpPermissions: unknown[] }[];
    };
    const world = [{ CidrIp: '0.0.0.0/0' }];
    const halves = [{ CidrIp: '0.0.0.0/1' }, { CidrIp: '128.0.0.0/1' }];
    const rule = (proto: string, from: number, to: number, ranges: unknown[]) => ({
      IpProtocol: proto,
      FromPort: from,
      ToPort: to,
      IpRanges: ranges,
      Ipv6Ranges: [],
      PrefixListIds: [],
      UserIdGroupPairs: [],
    });
    const sg = sgs.SecurityGroups.find((g) => g.GroupId === 'sg-09ccba6656672061b')!;
    sg.IpPermissions = [
      rule('tcp', 443, 443, world),
      rule('tcp', 22, 30, halves),
      rule('tcp', 20, 25, world),
      rule('tcp', 31, 31, world),
      rule('udp', 53, 53, world),
    ];
    files['SecurityGroups.json'] = sgs;
    const snap = makeSnapshot(files);
    const r = await run(['exposure', snap, '--format', 'json']);
    expect(r.code).toBe(0);
    const { exposures } = parseStdout<{ exposures: Exposure[] }>(r);
    const byProto = Object.fromEntries(exposures.map((e) => [e.protocol, e.ports]));
    expect(byProto).toEqual({
      tcp: [
        { from: 20, to: 31 },
        { from: 443, to: 443 },
      ],
      udp: [{ from: 53, to: 53 }],
    });
    expect(exposures.map((e) => e.protocol)).toEqual(['tcp', 'udp']);
  });
});

describe('contract: egress kind is where traffic finally leaves', () => {
  it('a NAT gateway whose subnet has no route to an internet gateway is `none`, not `nat`', async () => {
    const src = sharedFixture('batfish-aws/test-nat-gateway/aws_configs');
    const files: Record<string, unknown> = {};
    for (const name of readdirSync(src)) files[name] = readFileSync(join(src, name), 'utf8');
    const before = parseStdout<{ egress: Egress[] }>(
      await run(['egress', sharedFixture('batfish-aws/test-nat-gateway'), '--format', 'json']),
    );
    const natSubnet = before.egress.find((e) => e.ipv4.kind === 'nat')!;
    const natId = natSubnet.ipv4.path.find((id) => id.startsWith('nat-'))!;
    const natRouteTable = natSubnet.ipv4.path[natSubnet.ipv4.path.indexOf(natId) + 1]!;
    const tables = JSON.parse(files['RouteTables.json'] as string) as {
      RouteTables: { RouteTableId: string; Routes: { GatewayId?: string }[] }[];
    };
    const t = tables.RouteTables.find((x) => x.RouteTableId === natRouteTable)!;
    t.Routes = t.Routes.filter((r) => !(r.GatewayId ?? '').startsWith('igw-'));
    files['RouteTables.json'] = tables;
    const r = await run(['egress', makeSnapshot(files), '--format', 'json']);
    expect(r.code).toBe(0);
    const after = parseStdout<{ egress: Egress[] }>(r).egress.find((e) => e.subnetId === natSubnet.subnetId)!;
    expect(after.ipv4.kind).toBe('none');
    expect(after.ipv4.path).toContain(natId);
  });
});
