// Data-driven semantics: each file in test/scenarios/reach/*.yaml is a raw AWS snapshot fragment
// plus the expected exposures, egress and traces (and where the expectation comes from).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildEstate, type RawDocument } from '../../src/estate/build.js';
import { computeEgress, computeExposure, trace, TraceInputError } from '../../src/reach/index.js';

interface Scenario {
  description: string;
  source: string;
  documents: RawDocument[];
  expect: {
    exposures?: unknown[];
    egress?: unknown[];
    egressSubset?: Record<string, unknown>[];
    traces?: {
      from: string;
      to: string;
      protocol?: string;
      port?: number;
      /** --through-lb */
      throughLb?: boolean;
      /** The trace is refused (usage error): a substring of the message. */
      error?: string;
      disposition?: string;
      hops?: string[];
      blockedBy?: Record<string, unknown>[];
      notModelled?: string[];
      flow?: Record<string, unknown>;
      /** Exact list (each entry matched with toMatchObject); absent = the result has none. */
      viaLoadBalancers?: Record<string, unknown>[];
    }[];
  };
}

const dir = join('test', 'scenarios', 'reach');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe.each(files)('scenario %s', (file) => {
  const s = parse(readFileSync(join(dir, file), 'utf8')) as Scenario;
  const estate = buildEstate(s.documents);

  it('has a source and a description', () => {
    expect(s.source.length).toBeGreaterThan(10);
    expect(s.description.length).toBeGreaterThan(10);
  });

  if (s.expect.exposures) {
    it('exposures', () => {
      const got = computeExposure(estate).map(({ evidence: _e, ...x }) => x);
      expect(got).toEqual(s.expect.exposures);
    });
  }
  if (s.expect.egress) {
    it('egress', () => {
      expect(computeEgress(estate).map((e) => stripEgress(e))).toEqual(s.expect.egress);
    });
  }
  if (s.expect.egressSubset) {
    it('egress (selected subnets)', () => {
      const all = computeEgress(estate);
      for (const want of s.expect.egressSubset!) {
        const got = all.find((e) => e.subnetId === want.subnetId);
        expect(got, String(want.subnetId)).toBeDefined();
        expect(got).toMatchObject(want);
      }
    });
  }
  for (const t of s.expect.traces ?? []) {
    it(`trace ${t.from} → ${t.to} ${t.protocol ?? 'all'}${t.port !== undefined ? `/${t.port}` : ''}${t.throughLb ? ' --through-lb' : ''}`, () => {
      const req = { from: t.from, to: t.to, protocol: t.protocol, port: t.port, throughLb: t.throughLb };
      if (t.error !== undefined) {
        expect(() => trace(estate, req)).toThrow(TraceInputError);
        expect(() => trace(estate, req)).toThrow(t.error);
        return;
      }
      const r = trace(estate, req);
      expect(r.disposition).toBe(t.disposition);
      if (t.hops) expect(r.hops).toEqual(t.hops);
      if (t.blockedBy) {
        expect(r.blockedBy).toHaveLength(t.blockedBy.length);
        t.blockedBy.forEach((b, i) => expect(r.blockedBy[i]).toMatchObject(b));
      }
      if (t.notModelled) expect(r.notModelled).toEqual(t.notModelled);
      if (t.flow) expect(r.flow).toEqual(t.flow);
      if (t.viaLoadBalancers) {
        expect(r.viaLoadBalancers).toHaveLength(t.viaLoadBalancers.length);
        t.viaLoadBalancers.forEach((v, i) => expect(r.viaLoadBalancers![i]).toMatchObject(v));
      } else expect(r.viaLoadBalancers).toBeUndefined();
    });
  }
});

function stripEgress(e: ReturnType<typeof computeEgress>[number]) {
  const path = (p: (typeof e)['ipv4']) => ({
    kind: p.kind,
    path: p.path,
    ...(p.sourceIps ? { sourceIps: p.sourceIps } : {}),
  });
  return {
    subnetId: e.subnetId,
    vpcId: e.vpcId,
    accountId: e.accountId,
    region: e.region,
    ipv4: path(e.ipv4),
    ipv6: path(e.ipv6),
  };
}
