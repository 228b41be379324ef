// The JSON contracts hold beyond the demo: scan / exposure / egress on real Batfish snapshots
// (../shared/fixtures), shapes exact, output sorted and identical across two runs.
import { describe, expect, it } from 'vitest';
import { expectFindingShape, type ScanJson } from './finding-shape.js';
import {
  expectExactKeys,
  expectSortedBy,
  extraKeys,
  parseStdout,
  run,
  sevRank,
  sharedFixture,
} from './helpers.js';

const snapshots = [
  'batfish-aws/test',
  'batfish-aws/test-load-balancer',
  'batfish-aws/test-nat-gateway',
  'batfish-aws/test-transit-gateway-peering',
  'batfish-aws/test-vpc-peering',
  'pybatfish-hybrid-cloud',
];

describe('contract: JSON shapes on real snapshots', () => {
  for (const name of snapshots) {
    const root = sharedFixture(name);
    it(`${name}: scan findings in the DESIGN shape, sorted, unique fingerprints, deterministic`, async () => {
      const a = await run(['scan', root, '--format', 'json', '--today', '2026-11-23']);
      const b = await run(['scan', root, '--format', 'json', '--today', '2026-11-23']);
      expect(a.code).toBe(0);
      const out = parseStdout<ScanJson>(a);
      for (const f of out.findings) expectFindingShape(f);
      expectSortedBy(out.findings, (f) => [
        -sevRank(f.severity),
        f.ruleId,
        f.resource.accountId,
        f.resource.region,
        f.resource.id,
        f.fingerprint,
      ]);
      const fps = out.findings.map((f) => f.fingerprint);
      expect(new Set(fps).size).toBe(fps.length);
      expect(b.stdout).toBe(a.stdout);
    });

    it(`${name}: exposure and egress shapes, deterministic`, async () => {
      const e1 = await run(['exposure', root, '--format', 'json']);
      const e2 = await run(['exposure', root, '--format', 'json']);
      expect(e1.code).toBe(0);
      const exp = parseStdout<{ exposures: Record<string, unknown>[] }>(e1);
      expectExactKeys(exp, ['exposures']);
      for (const x of exp.exposures) {
        expectExactKeys(x, [
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
        ]);
      }
      expect(e2.stdout).toBe(e1.stdout);

      const g1 = await run(['egress', root, '--format', 'json']);
      const g2 = await run(['egress', root, '--format', 'json']);
      expect(g1.code).toBe(0);
      const eg = parseStdout<{
        egress: {
          subnetId: string;
          vpcId: string;
          accountId: string;
          region: string;
          ipv4: unknown;
          ipv6: unknown;
        }[];
      }>(g1);
      expectExactKeys(eg, ['egress']);
      for (const x of eg.egress) {
        expectExactKeys(x, ['subnetId', 'vpcId', 'accountId', 'region', 'ipv4', 'ipv6']);
        for (const p of [x.ipv4, x.ipv6] as { kind: string; path: unknown }[]) {
          expect(extraKeys(p, ['kind', 'path'], ['sourceIps', 'notes'])).toEqual([]);
          expect(['igw', 'nat', 'eigw', 'none']).toContain(p.kind);
          expect(Array.isArray(p.path)).toBe(true);
        }
      }
      expectSortedBy(eg.egress, (x) => [x.accountId, x.region, x.vpcId, x.subnetId]);
      expect(g2.stdout).toBe(g1.stdout);
    });
  }
});
