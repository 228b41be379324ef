// End to end on the demo estate: the engines and checks give exactly the answers that
// examples/demo/README.md promises (demo-expected.ts), and the README tables say the same thing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { allChecks } from '../../src/checks/registry.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { validateIntent, type Intent } from '../../src/config/intent.js';
import { loadSnapshot } from '../../src/estate/load.js';
import type { Estate } from '../../src/estate/model.js';
import { computeEgress, computeExposure } from '../../src/reach/index.js';
import { trace } from '../../src/reach/trace.js';
import {
  DEMO_TODAY,
  demoIds,
  expectedEgress,
  expectedExpiredSuppressions,
  expectedExposures,
  expectedFindings,
  expectedSuppressed,
  expectedTraces,
  type ExpectedFinding,
} from './demo-expected.js';

const DEMO = join(import.meta.dirname, '../../examples/demo');
const README = readFileSync(join(DEMO, 'README.md'), 'utf8');

let estate: Estate;
let intent: Intent;
beforeAll(async () => {
  estate = await loadSnapshot(DEMO);
  const r = validateIntent(parseYaml(readFileSync(join(DEMO, 'perimeter.yaml'), 'utf8')));
  if (!('intent' in r)) throw new Error('perimeter.yaml is invalid');
  intent = r.intent;
});

const findingKey = (f: ExpectedFinding) => `${f.ruleId}|${f.resourceId}|${f.severity}`;
const sortedKeys = (list: readonly ExpectedFinding[]) => list.map(findingKey).sort();

/** Rows of the markdown table that follows `heading` (cells trimmed, header and rule skipped). */
function tableAfter(heading: string): string[][] {
  const start = README.indexOf(heading);
  if (start < 0) throw new Error(`README has no "${heading}"`);
  const lines = README.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.replace(/\*\*/g, '').trim()));
  }
  return rows;
}
const firstToken = (cell: string) => cell.replace(/`/g, '').split(/[\s(]/)[0]!;

describe('demo estate: reach', () => {
  it('exposes exactly the README exposures', () => {
    const got = computeExposure(estate).map((e) => ({
      resourceId: e.resourceId,
      resourceType: e.resourceType,
      address: e.address,
      protocol: e.protocol,
      ports: e.ports.map((p) => ({ from: p.from, to: p.to })),
    }));
    const byId = (a: { resourceId: string }, b: { resourceId: string }) => a.resourceId.localeCompare(b.resourceId);
    expect([...got].sort(byId)).toEqual([...expectedExposures].sort(byId));
  });

  it('leaves for the internet the README way from every subnet', () => {
    const egress = computeEgress(estate);
    expect(Object.fromEntries(egress.map((e) => [e.subnetId, [e.ipv4.kind, e.ipv6.kind]]))).toEqual(expectedEgress);
    const prodApp = egress.find((e) => e.subnetId === 'subnet-0b2608334937d41b1')!;
    expect(prodApp.ipv4.path).toEqual(expect.arrayContaining([demoIds.tgw, demoIds.tgwRouteTables.spokes, demoIds.nat, demoIds.igw.hub]));
    const prodData = egress.find((e) => e.subnetId === 'subnet-0bd492ac1c097deab')!;
    expect(prodData.ipv4.path).toContain(demoIds.peerings.hubData);
    const dual = egress.find((e) => e.subnetId === 'subnet-03439290986df2bea')!;
    expect(dual.ipv6.path).toContain(demoIds.eigw);
  });

  it.each(expectedTraces)('trace $from → $to $protocol/$port: $disposition', (t) => {
    const r = trace(estate, { from: t.from, to: t.to, protocol: t.protocol, port: t.port });
    expect(r.disposition).toBe(t.disposition);
    const b = r.blockedBy[0];
    expect(b ? (b.id ?? b.ids?.[0] ?? b.routeTableId) : undefined).toBe(t.blockedBy);
  });
});

describe('demo estate: scan', () => {
  it('finds exactly the README findings, suppresses the ALB and reports the expired suppression', () => {
    const r = runChecks(estate, intent, allChecks, { today: DEMO_TODAY });
    expect(r.errors.map((e) => `${e.checkId}: ${e.message}`)).toEqual([]);
    const plain = (f: { ruleId: string; resource: { id: string }; severity: ExpectedFinding['severity'] }) => ({
      ruleId: f.ruleId,
      resourceId: f.resource.id,
      severity: f.severity,
    });
    expect(sortedKeys(r.findings.map(plain))).toEqual(sortedKeys(expectedFindings));
    expect(sortedKeys(r.suppressed.map((s) => plain(s.finding)))).toEqual(sortedKeys(expectedSuppressed));
    expect(
      r.expiredSuppressions.map((e) => ({ ruleId: e.suppression.ruleId, resource: e.suppression.resource, expires: e.suppression.expires })),
    ).toEqual(expectedExpiredSuppressions);
    expect(r.expiredSuppressions[0]!.fingerprints).toHaveLength(1);
  });
});

describe('demo README tables match demo-expected.ts', () => {
  it('(1) exposures', () => {
    const rows = tableAfter('## (1) Exposures');
    const key = (id: string, type: string, protocol: string) => `${id}|${type}|${protocol}`;
    expect(rows.map((r) => key(r[0]!, r[1]!, r[5]!)).sort()).toEqual(
      expectedExposures.map((e) => key(e.resourceId, e.resourceType, e.protocol)).sort(),
    );
  });

  it('(2) egress', () => {
    const rows = tableAfter('## (2) Egress per subnet');
    expect(Object.fromEntries(rows.map((r) => [r[0], [firstToken(r[3]!), firstToken(r[5]!).replace(/:$/, '')]]))).toEqual(expectedEgress);
  });

  it('(3) findings', () => {
    const rows = tableAfter('## (3) Findings by check');
    const fromReadme = rows.map((r) => ({
      ruleId: r[0]!,
      resourceId: firstToken(r[1]!),
      severity: firstToken(r[2]!) as ExpectedFinding['severity'],
    }));
    expect(sortedKeys(fromReadme)).toEqual(sortedKeys([...expectedFindings, ...expectedSuppressed]));
  });
});
