// Property tests: monotonicity of exposure under tightening (a deny NACL entry, a removed SG rule),
// independence from input document order, and the NACL Region evaluation against a per-packet oracle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildEstate, type RawDocument } from '../../src/estate/build.js';
import type { NaclEntry, NetworkAcl } from '../../src/estate/model.js';
import { computeExposure } from '../../src/reach/index.js';
import { reachContext } from '../../src/reach/context.js';
import { evaluateNacl, naclRegion } from '../../src/reach/filters.js';
import { BigIntervalSet, IntervalSet, parseIp } from '../../src/net/index.js';

function scenarioDocs(name: string): RawDocument[] {
  const s = parse(readFileSync(join('test', 'scenarios', 'reach', name), 'utf8')) as {
    documents: RawDocument[];
  };
  return s.documents;
}

type Data = Record<string, unknown[]>;
const clone = <T>(x: T): T => structuredClone(x);

/** resource|address|protocol → set of open ports as an IntervalSet. */
function openPorts(docs: RawDocument[]): Map<string, IntervalSet> {
  const out = new Map<string, IntervalSet>();
  for (const e of computeExposure(buildEstate(docs))) {
    const k = `${e.resourceId}|${e.address}|${e.protocol}`;
    const s = IntervalSet.fromRanges(e.ports.map((p) => [p.from, p.to] as const));
    out.set(k, (out.get(k) ?? IntervalSet.empty()).union(s));
  }
  return out;
}

function noNewExposure(before: Map<string, IntervalSet>, after: Map<string, IntervalSet>): void {
  for (const [k, ports] of after) {
    const was = before.get(k);
    expect(was, `new exposure ${k}`).toBeDefined();
    expect(was!.containsSet(ports), `${k}: ${ports} ⊄ ${was}`).toBe(true);
  }
}

const bases = ['public-ipv4-ipv6.yaml', 'nacl-stateless.yaml', 'nat-eigw-main-table.yaml'];

const cidrArb = fc.oneof(
  fc.constantFrom('0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1', '8.0.0.0/8', '203.0.113.0/24', '198.51.100.0/25'),
  fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 32 }))
    .map(([a, p]) => `${a}.0.0.0/${Math.min(p, 8)}`),
);
const entryArb = fc.record({
  RuleNumber: fc.integer({ min: 1, max: 32766 }),
  Egress: fc.boolean(),
  proto: fc.constantFrom('-1', '6', '17', '1'),
  CidrBlock: cidrArb,
  from: fc.integer({ min: 0, max: 65535 }),
  len: fc.integer({ min: 0, max: 2000 }),
});

describe('exposure properties', () => {
  it.each(bases)('adding a deny NACL entry never adds an exposure (%s)', (base) => {
    const docs = scenarioDocs(base);
    const before = openPorts(docs);
    fc.assert(
      fc.property(entryArb, fc.nat(), (e, pick) => {
        const mutated = clone(docs);
        const withAcls = mutated.filter((d) => Array.isArray((d.data as Data).NetworkAcls));
        const doc = withAcls[pick % withAcls.length]!;
        const acls = (doc.data as Data).NetworkAcls as { Entries: Record<string, unknown>[] }[];
        const acl = acls[pick % acls.length]!;
        if (acl.Entries.some((x) => x.RuleNumber === e.RuleNumber && x.Egress === e.Egress)) return;
        acl.Entries.push({
          RuleNumber: e.RuleNumber,
          Protocol: e.proto,
          RuleAction: 'deny',
          Egress: e.Egress,
          CidrBlock: e.CidrBlock,
          ...(e.proto === '6' || e.proto === '17'
            ? { PortRange: { From: e.from, To: Math.min(65535, e.from + e.len) } }
            : {}),
        });
        noNewExposure(before, openPorts(mutated));
      }),
      { numRuns: 40 },
    );
  });

  it.each(bases)('removing a security-group rule never adds an exposure (%s)', (base) => {
    const docs = scenarioDocs(base);
    const before = openPorts(docs);
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (g, r) => {
        const mutated = clone(docs);
        const groups = mutated.flatMap(
          (d) => ((d.data as Data).SecurityGroups ?? []) as { IpPermissions: unknown[] }[],
        );
        const withRules = groups.filter((x) => x.IpPermissions.length > 0);
        if (withRules.length === 0) return;
        const group = withRules[g % withRules.length]!;
        group.IpPermissions.splice(r % group.IpPermissions.length, 1);
        noNewExposure(before, openPorts(mutated));
      }),
      { numRuns: 30 },
    );
  });

  it('is invariant under reordering of the input documents', () => {
    const docs = [...scenarioDocs('nat-eigw-main-table.yaml'), ...scenarioDocs('load-balancer-rds.yaml')];
    // Split every document into one per top-level key so that order really varies.
    const split = docs.flatMap((d) =>
      Object.entries(d.data as Data).map(([k, v], i) => ({ ...d, file: `${d.file}#${i}`, data: { [k]: v } })),
    );
    const expected = JSON.stringify(computeExposure(buildEstate(split)));
    expect(JSON.parse(expected)).not.toHaveLength(0);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(split, { minLength: split.length, maxLength: split.length }),
        (shuffled) => {
          expect(JSON.stringify(computeExposure(buildEstate(shuffled)))).toBe(expected);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('NACL region against the per-packet oracle', () => {
  it('naclRegion contains (address, port) exactly when evaluateNacl allows it', () => {
    const entryModel = fc.record({
      ruleNumber: fc.integer({ min: 1, max: 200 }),
      action: fc.constantFrom<'allow' | 'deny'>('allow', 'deny'),
      protocol: fc.constantFrom('-1', '6', '17'),
      cidr: cidrArb,
      from: fc.integer({ min: 0, max: 2000 }),
      len: fc.integer({ min: 0, max: 3000 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(entryModel, { selector: (e) => e.ruleNumber, maxLength: 8 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 5000 })), {
          minLength: 5,
          maxLength: 20,
        }),
        (entries, probes) => {
          const nacl: NetworkAcl = {
            id: 'acl-p',
            accountId: '1',
            region: 'r',
            vpcId: 'vpc-p',
            isDefault: false,
            subnetIds: [],
            tags: {},
            entries: entries.map((e): NaclEntry => ({
              ruleNumber: e.ruleNumber,
              egress: false,
              action: e.action,
              protocol: e.protocol,
              cidr: e.cidr.replace(/^(\d+)\.0\.0\.0\/(\d+)$/, (_m, a: string, p: string) => {
                const prefix = Number(p);
                const mask = prefix === 0 ? 0 : (0xff << (8 - Math.min(8, prefix))) & 0xff;
                return `${Number(a) & mask}.0.0.0/${prefix}`;
              }),
              version: 4,
              portRange:
                e.protocol === '-1' ? undefined : { from: e.from, to: Math.min(65535, e.from + e.len) },
            })),
          };
          const estate = buildEstate([]);
          const fake = { ...estate, networkAcls: new Map([[nacl.id, nacl]]) };
          const compiled = reachContext(fake).nacl(nacl.id)!;
          const region = naclRegion(compiled, false, 6, 4).allowed;
          for (const [a, port] of probes) {
            const addr = parseIp(`${a}.1.2.3`).value;
            const oracle = evaluateNacl(compiled, false, 6, port, 4, addr).allowed;
            const inRegion = region.overlapsRect(BigIntervalSet.single(addr), IntervalSet.single(port));
            expect(inRegion).toBe(oracle);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
